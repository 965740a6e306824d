import Foundation

/// Text made safe inside HTML and SVG elements and attribute values.
public func escapeMarkup(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}

/// Colours that colour-blind readers tell apart (Okabe and Ito), each with a
/// dash pattern and a marker shape so that the lines differ in grey scale too.
enum ChartStyle {
    static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    static let dashes = ["", "6 3", "2 3", "8 3 2 3", "4 4", "1 2", "10 4", "3 6"]

    static func colour(_ i: Int) -> String { colours[i % colours.count] }
    static func dash(_ i: Int) -> String { dashes[(i / colours.count + i) % dashes.count] }

    /// A marker centred at (x, y): circle, square, triangle, diamond, …;
    /// filled, or hollow (white inside its outline).
    static func marker(_ i: Int, x: Double, y: Double, colour: String, hollow: Bool = false) -> String {
        let r = 4.0
        let paint = hollow ? "fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"2\"" : "fill=\"\(colour)\""
        switch i % 4 {
        case 0: return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" \(paint)/>"
        case 1: return "<rect x=\"\(f(x - r))\" y=\"\(f(y - r))\" width=\"\(f(2 * r))\" height=\"\(f(2 * r))\" \(paint)/>"
        case 2: return "<path d=\"M\(f(x)) \(f(y - r - 1))L\(f(x + r + 1)) \(f(y + r))L\(f(x - r - 1)) \(f(y + r))Z\" \(paint)/>"
        default: return "<path d=\"M\(f(x)) \(f(y - r - 1))L\(f(x + r + 1)) \(f(y))L\(f(x)) \(f(y + r + 1))L\(f(x - r - 1)) \(f(y))Z\" \(paint)/>"
        }
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}

/// A line chart drawn as SVG: categories along x, one line per series,
/// a value axis from 0 with round ticks. No script, no external resource.
/// A value may be drawn hollow (not proven) with a band behind it, and a
/// missing value may be marked on the x axis; every marker carries its
/// tooltip (`<title>` inside the marker's group, which browsers show).
public struct LineChart: Sendable {
    /// How one value of a series is drawn.
    public struct Point: Sendable {
        /// A hollow marker instead of a filled one.
        public var hollow: Bool
        /// A band behind the marker, from its lower to its upper value.
        public var band: ClosedRange<Double>?
        /// The marker's tooltip (nil: the series, the category and the
        /// value); for a missing value, a × on the x axis with this tooltip
        /// (nil: nothing drawn).
        public var tooltip: String?

        public init(hollow: Bool = false, band: ClosedRange<Double>? = nil, tooltip: String? = nil) {
            self.hollow = hollow
            self.band = band
            self.tooltip = tooltip
        }
    }

    /// One line or set of bars of a chart, with its name in the key.
    public struct Series: Sendable {
        public var name: String
        /// One value per category; nil leaves a hole.
        public var values: [Double?]
        /// How each value is drawn (empty: every one filled, with the plain tooltip).
        public var points: [Point]
        public init(name: String, values: [Double?], points: [Point] = []) {
            self.name = name
            self.values = values
            self.points = points
        }

        func point(_ i: Int) -> Point { i < points.count ? points[i] : Point() }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var categories: [String]
    public var series: [Series]
    public var width = 720.0
    public var height = 340.0
    /// How the tick labels write numbers.
    public var numbers = NumberStyle.english
    /// What the key says of a hollow marker and of a × on the x axis, each
    /// shown only when the chart has one.
    public var hollowKey = "hollow: not proven"
    public var absentKey = "× on the axis: no value"

    public init(title: String, xTitle: String, yTitle: String, categories: [String], series: [Series]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.categories = categories
        self.series = series
    }

    /// Round tick values from 0 to at least `maximum`.
    static func ticks(upTo maximum: Double) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let raw = maximum / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        var ticks: [Double] = []
        var v = 0.0
        while v < maximum + step * 0.999 {
            ticks.append(v)
            v += step
        }
        return ticks
    }

    static func tickLabel(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return Format.grouped(Int(v)) }
        return String(format: "%g", v)
    }

    public func svg() -> String {
        let layout = Layout(self)
        var s = axes(layout)
        for (k, line) in series.enumerated() {
            s += self.line(k, line, layout)
            s += legendEntry(k, line, layout)
        }
        s += specialKey(layout)
        s += "</svg>\n"
        return s
    }

    /// Whether any value is hollow, and whether any missing value is marked on the axis.
    var special: (hollow: Bool, absent: Bool) {
        var hollow = false, absent = false
        for line in series {
            for (i, v) in line.values.enumerated() {
                let p = line.point(i)
                if v != nil && p.hollow { hollow = true }
                if v == nil && p.tooltip != nil { absent = true }
            }
        }
        return (hollow, absent)
    }

    /// Where everything goes: margins, the plot's size, the value scale.
    private struct Layout {
        let left = 78.0, right = 16.0, top = 34.0
        let plotW: Double, plotH: Double
        let ticks: [Double]
        let categories: Int

        init(_ chart: LineChart) {
            let special = chart.special
            let legendRows = Double((chart.series.count + 2) / 3 + (special.hollow || special.absent ? 1 : 0))
            let bottom = 58.0 + 18 * legendRows
            plotW = chart.width - left - right
            plotH = chart.height - top - bottom
            let bands = chart.series.flatMap { $0.points.compactMap { $0.band?.upperBound } }
            let maximum = (chart.series.flatMap { $0.values.compactMap { $0 } } + bands).max() ?? 0
            ticks = LineChart.ticks(upTo: maximum)
            categories = chart.categories.count
        }

        /// Category `i` along x.
        func x(_ i: Int) -> Double {
            categories <= 1 ? left + plotW / 2 : left + plotW * (0.04 + 0.92 * Double(i) / Double(categories - 1))
        }

        /// Value `v` along y.
        func y(_ v: Double) -> Double { top + plotH * (1 - v / max(ticks.last ?? 1, 1e-9)) }
    }

    /// The opening tag, the title, both axes with their ticks and titles.
    private func axes(_ layout: Layout) -> String {
        let f = ChartStyle.f
        let (left, top, plotW, plotH) = (layout.left, layout.top, layout.plotW, layout.plotH)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(escapeMarkup(title))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        s += "<title>\(escapeMarkup(title))</title>\n"
        s += "<text x=\"\(f(left))\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(escapeMarkup(title))</text>\n"
        for t in layout.ticks {
            s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(layout.y(t)))\" y2=\"\(f(layout.y(t)))\" stroke=\"#ccc\" stroke-width=\"1\"/>"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(layout.y(t) + 4))\" text-anchor=\"end\">\(escapeMarkup(numbers.apply(Self.tickLabel(t))))</text>\n"
        }
        s += "<text transform=\"translate(14 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(escapeMarkup(yTitle))</text>\n"
        s += "<line x1=\"\(f(left))\" x2=\"\(f(left + plotW))\" y1=\"\(f(top + plotH))\" y2=\"\(f(top + plotH))\" stroke=\"#333\"/>\n"
        for (i, c) in categories.enumerated() {
            s += "<text x=\"\(f(layout.x(i)))\" y=\"\(f(top + plotH + 16))\" text-anchor=\"middle\">\(escapeMarkup(c))</text>"
        }
        s += "\n<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 34))\" text-anchor=\"middle\">\(escapeMarkup(xTitle))</text>\n"
        return s
    }

    /// Series `k`: its bands, its line (broken where a value is missing), a
    /// marker per value (filled, or hollow) and a × on the x axis for a
    /// missing value that has a tooltip; each marker in a group with its tooltip.
    private func line(_ k: Int, _ line: Series, _ layout: Layout) -> String {
        let f = ChartStyle.f
        let colour = ChartStyle.colour(k)
        var s = ""
        for (i, v) in line.values.enumerated() {
            guard v != nil, let band = line.point(i).band else { continue }
            let top = layout.y(band.upperBound), bottom = layout.y(band.lowerBound)
            s += "<rect class=\"band\" x=\"\(f(layout.x(i) - 5))\" y=\"\(f(top))\" width=\"10\" height=\"\(f(max(bottom - top, 1)))\" fill=\"\(colour)\" fill-opacity=\"0.22\" stroke=\"\(colour)\" stroke-opacity=\"0.6\" stroke-dasharray=\"2 2\"/>\n"
        }
        var segments: [[(Double, Double)]] = [[]]
        for (i, v) in line.values.enumerated() {
            if let v { segments[segments.count - 1].append((layout.x(i), layout.y(v))) } else { segments.append([]) }
        }
        for segment in segments where segment.count > 1 {
            let d = segment.enumerated().map { ($0.offset == 0 ? "M" : "L") + "\(f($0.element.0)) \(f($0.element.1))" }.joined()
            let dash = ChartStyle.dash(k)
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
        }
        for (i, v) in line.values.enumerated() {
            let point = line.point(i)
            if let v {
                let tooltip = point.tooltip ?? "\(line.name): \(categories[i]) → \(numbers.apply(Self.tickLabel((v * 100).rounded() / 100)))"
                s += "<g class=\"\(point.hollow ? "hollow" : "filled")\">" + ChartStyle.marker(k, x: layout.x(i), y: layout.y(v), colour: colour, hollow: point.hollow)
                s += "<title>\(escapeMarkup(tooltip))</title></g>"
            } else if let tooltip = point.tooltip {
                // No value: a × on the x axis, each series a little aside so that several stay apart.
                let x = layout.x(i) + 7 * (Double(k) - Double(series.count - 1) / 2), y = layout.top + layout.plotH
                s += "<g class=\"absent\"><path d=\"M\(f(x - 4)) \(f(y - 4))L\(f(x + 4)) \(f(y + 4))M\(f(x - 4)) \(f(y + 4))L\(f(x + 4)) \(f(y - 4))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
                s += "<title>\(escapeMarkup(tooltip))</title></g>"
            }
        }
        return s + "\n"
    }

    /// The key's last row: what a hollow marker and a × on the axis mean, when the chart has them.
    private func specialKey(_ layout: Layout) -> String {
        let f = ChartStyle.f
        let special = self.special
        guard special.hollow || special.absent else { return "" }
        let ly = layout.top + layout.plotH + 52 + 18 * Double((series.count + 2) / 3)
        var s = "", lx = layout.left
        if special.hollow {
            s += ChartStyle.marker(0, x: lx + 6, y: ly - 4, colour: "#555", hollow: true)
            s += "<text x=\"\(f(lx + 16))\" y=\"\(f(ly))\">\(escapeMarkup(hollowKey))</text>"
            lx += layout.plotW / 2
        }
        if special.absent {
            s += "<text x=\"\(f(lx))\" y=\"\(f(ly))\">\(escapeMarkup(absentKey))</text>"
        }
        return s + "\n"
    }

    /// Series `k` in the key: three entries a row under the axis title.
    private func legendEntry(_ k: Int, _ line: Series, _ layout: Layout) -> String {
        let f = ChartStyle.f
        let colour = ChartStyle.colour(k)
        let lx = layout.left + Double(k % 3) * (layout.plotW / 3), ly = layout.top + layout.plotH + 52 + 18 * Double(k / 3)
        let dash = ChartStyle.dash(k)
        var s = "<line x1=\"\(f(lx))\" x2=\"\(f(lx + 28))\" y1=\"\(f(ly - 4))\" y2=\"\(f(ly - 4))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>"
        s += ChartStyle.marker(k, x: lx + 14, y: ly - 4, colour: colour)
        s += "<text x=\"\(f(lx + 34))\" y=\"\(f(ly))\">\(escapeMarkup(line.name))</text>\n"
        return s
    }
}
