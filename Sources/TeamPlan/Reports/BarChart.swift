import Foundation

/// Horizontal stacked bars drawn as SVG: one bar per category, segments
/// side by side, an optional marker per bar (a contract's hours, a budget).
/// Segment colours are told apart by lightness as well as hue, and one may
/// be hatched, so the chart reads in grey scale.
public struct StackedBarChart: Sendable {
    /// One coloured part of a bar: a value with its key.
    public struct Segment: Sendable {
        public var name: String
        public var colour: String
        public var hatched: Bool
        public init(name: String, colour: String, hatched: Bool = false) {
            self.name = name
            self.colour = colour
            self.hatched = hatched
        }
    }

    public var id: String
    public var title: String
    public var unit: String
    public var categories: [String]
    public var segments: [Segment]
    /// values[category][segment]
    public var values: [[Double]]
    public var markers: [Double?] = []
    public var markerName = ""
    public var width = 760.0
    /// How the tooltips and the axis write numbers.
    public var numbers = NumberStyle.english

    public init(id: String, title: String, unit: String, categories: [String], segments: [Segment], values: [[Double]]) {
        self.id = id
        self.title = title
        self.unit = unit
        self.categories = categories
        self.segments = segments
        self.values = values
    }

    public func svg() -> String {
        let layout = Layout(self)
        var s = header(layout)
        s += axis(layout)
        for (i, category) in categories.enumerated() {
            s += bar(i, category, layout)
        }
        s += legend(layout)
        s += "\n</svg>\n"
        return s
    }

    /// Where everything goes: margins, the plot's size, the value scale.
    private struct Layout {
        let right = 20.0, top = 40.0, bar = 16.0, gap = 6.0
        /// Wide enough for the longest category (names, not ids), up to 320.
        let left: Double
        /// The most characters of a category that fit; a longer one is cut with "…" (whole in its tooltip).
        let labelChars: Int
        let plotW: Double, plotH: Double, height: Double
        let ticks: [Double]
        let scale: Double

        init(_ chart: StackedBarChart) {
            let longest = Double(chart.categories.map(\.count).max() ?? 0)
            left = min(320, max(150, 12 + 6.2 * longest))
            labelChars = Int((left - 12) / 6.2)
            plotW = chart.width - left - right
            plotH = Double(chart.categories.count) * (bar + gap)
            let legendWidth = chart.segments.reduce(0.0) { $0 + 22 + Double($1.name.count) * 6.2 } + 120
            height = top + plotH + 70 + (legendWidth > chart.width - left ? 16 : 0)
            let maximum = max(chart.values.map { $0.reduce(0, +) }.max() ?? 0, chart.markers.compactMap { $0 }.max() ?? 0)
            ticks = LineChart.ticks(upTo: maximum)
            scale = plotW / max(ticks.last ?? 1, 1e-9)
        }
    }

    /// The opening tag, title and hatch pattern (in the hatched segment's colour).
    private func header(_ layout: Layout) -> String {
        let f = ChartStyle.f
        var s = "<svg id=\"\(escapeMarkup(id))\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(layout.height))\" width=\"\(f(width))\" height=\"\(f(layout.height))\" role=\"img\" aria-label=\"\(escapeMarkup(title))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        s += "<title>\(escapeMarkup(title))</title>\n"
        s += "<defs><pattern id=\"\(escapeMarkup(id))-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"COLOUR\"/></pattern></defs>\n"
        if let hatched = segments.first(where: \.hatched) { s = s.replacingOccurrences(of: "COLOUR", with: hatched.colour) }
        s += "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(escapeMarkup(title))</text>\n"
        return s
    }

    /// The value axis: grid lines, tick labels and the unit.
    private func axis(_ layout: Layout) -> String {
        let f = ChartStyle.f
        let (left, top, plotW, plotH) = (layout.left, layout.top, layout.plotW, layout.plotH)
        var s = ""
        for t in layout.ticks {
            let x = left + t * layout.scale
            s += "<line x1=\"\(f(x))\" x2=\"\(f(x))\" y1=\"\(f(top - 4))\" y2=\"\(f(top + plotH))\" stroke=\"#ddd\"/>"
            s += "<text x=\"\(f(x))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\">\(numbers.apply(LineChart.tickLabel(t)))</text>\n"
        }
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH + 30))\" text-anchor=\"middle\">\(escapeMarkup(unit))</text>\n"
        return s
    }

    /// Category `i`: its label, its segments side by side, its marker.
    private func bar(_ i: Int, _ category: String, _ layout: Layout) -> String {
        let f = ChartStyle.f
        let (left, bar, scale) = (layout.left, layout.bar, layout.scale)
        let y = layout.top + Double(i) * (bar + layout.gap)
        let shown = category.count > layout.labelChars ? String(category.prefix(layout.labelChars - 1)) + "…" : category
        var s = "<text x=\"\(f(left - 6))\" y=\"\(f(y + bar - 4))\" text-anchor=\"end\">\(escapeMarkup(shown))<title>\(escapeMarkup(category))</title></text>"
        var x = left
        for (k, segment) in segments.enumerated() {
            let v = values[i][k]
            guard v > 1e-9 else { continue }
            let w = v * scale
            let fill = segment.hatched ? "url(#\(escapeMarkup(id))-hatch)" : segment.colour
            s += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(bar))\" fill=\"\(fill)\" stroke=\"#333\" stroke-width=\"0.5\"><title>\(escapeMarkup("\(category): \(segment.name) \(numbers.apply(Format.hours(v)))"))</title></rect>"
            x += w
        }
        if i < markers.count, let m = markers[i] {
            let mx = left + m * scale
            s += "<line x1=\"\(f(mx))\" x2=\"\(f(mx))\" y1=\"\(f(y - 2))\" y2=\"\(f(y + bar + 2))\" stroke=\"#000\" stroke-width=\"2.5\"><title>\(escapeMarkup("\(category): \(markerName) \(numbers.apply(Format.hours(m)))"))</title></line>"
        }
        return s + "\n"
    }

    /// The key: each segment's colour and name, wrapped to the width, and the marker's.
    private func legend(_ layout: Layout) -> String {
        let f = ChartStyle.f
        var s = ""
        var lx = layout.left
        var ly = layout.top + layout.plotH + 48
        for segment in segments {
            if lx + 22 + Double(segment.name.count) * 6.2 > width {
                lx = layout.left
                ly += 16
            }
            let fill = segment.hatched ? "url(#\(escapeMarkup(id))-hatch)" : segment.colour
            s += "<rect x=\"\(f(lx))\" y=\"\(f(ly - 10))\" width=\"12\" height=\"12\" fill=\"\(fill)\" stroke=\"#333\" stroke-width=\"0.5\"/>"
            s += "<text x=\"\(f(lx + 16))\" y=\"\(f(ly))\">\(escapeMarkup(segment.name))</text>"
            lx += 22 + Double(segment.name.count) * 6.2
        }
        if !markerName.isEmpty && markers.contains(where: { $0 != nil }) {
            s += "<line x1=\"\(f(lx + 6))\" x2=\"\(f(lx + 6))\" y1=\"\(f(ly - 12))\" y2=\"\(f(ly + 2))\" stroke=\"#000\" stroke-width=\"2.5\"/>"
            s += "<text x=\"\(f(lx + 14))\" y=\"\(f(ly))\">\(escapeMarkup(markerName))</text>"
        }
        return s
    }
}
