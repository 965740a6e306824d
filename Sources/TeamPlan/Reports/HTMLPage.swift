/// The frame of every page teamplan writes (report.html, sweep.html): one
/// file with its own stylesheet, readable on screen and printed on A4, no
/// script and nothing loaded from elsewhere.
enum HTMLPage {
    static func start(title: String, heading: String, language: Language, style: String = "") -> String {
        let x = escapeMarkup
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(x(title))</title>
            <style>
            body { font-family: sans-serif; color: #111; margin: 2em auto; max-width: 62em; padding: 0 1em; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #999; }
            table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
            th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: right; vertical-align: top; }
            th { background: #eee; } .text { text-align: left; }
            .note { color: #444; }
            svg { max-width: 100%; height: auto; display: block; margin: 1em 0; }
            \(style)
            @media print { @page { size: A4; margin: 14mm; } body { margin: 0; max-width: none; font-size: 10pt; }
              h2 { break-after: avoid; } tr, svg, .answer { break-inside: avoid; } }
            </style>
            </head>
            <body>
            <h1>\(x(heading))</h1>

            """
    }

    static let end = "</body>\n</html>\n"
}
