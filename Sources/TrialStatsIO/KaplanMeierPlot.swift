import Foundation
import TrialStats

/// What a Kaplan–Meier figure shows besides the curves; the same settings for `km --plot` and
/// for the plan's `survival: figure:`.
public struct KaplanMeierFigureOptions: Sendable, Equatable {
    /// A title above the legend; nil for none.
    public var title: String?
    /// The endpoint, as the y-axis title ("Drug-free survival").
    public var endpoint: String
    /// The time unit for the axis title ("months"); nil for plain "Time".
    public var unitLabel: String?
    /// Whether to draw the pointwise confidence bands (transparent fills with outlines).
    public var bands: Bool
    /// Whether to draw each median: a dotted line at 50% to the curve, then down to the axis.
    public var medianLines: Bool
    /// The end of the time axis; nil for the first tick at or after the last time.
    public var timeMax: Double?
    /// The step between time-axis breaks; nil for 4 to 8 "nice" steps.
    public var timeStep: Double?
    /// The group comparison, printed above the plot area ("Log-rank p < 0.0001").
    public var note: String?

    public init(title: String? = nil, endpoint: String = "Survival probability", unitLabel: String? = nil, bands: Bool = false,
                medianLines: Bool = false, timeMax: Double? = nil, timeStep: Double? = nil, note: String? = nil) {
        self.title = title
        self.endpoint = endpoint
        self.unitLabel = unitLabel
        self.bands = bands
        self.medianLines = medianLines
        self.timeMax = timeMax
        self.timeStep = timeStep
        self.note = note
    }
}

/// A Kaplan–Meier figure: step curves per group with censoring marks, optional pointwise
/// confidence bands and median lines, axes with the endpoint and the time unit, a legend, the
/// group comparison, and the number-at-risk table aligned under the time axis at the breaks.
///
/// The figure is laid out once as a ``Drawing``; `svg()` and `pdf()` render that same drawing.
/// The output is deterministic (same curves, same bytes). Colours are the Okabe–Ito palette
/// without its yellow, ordered so that neighbouring groups also differ in grey; each group also
/// has its own dash pattern and censor-mark shape, so close lines and greyscale prints stay
/// readable. Up to six groups get distinct styles; more repeat them.
///
/// **References**: Okabe M, Ito K. Color Universal Design (CUD): how to make figures and
/// presentations that are friendly to colorblind people. 2008. Pocock SJ, Clayton TC, Altman DG.
/// Survival plots of time-to-event outcomes in clinical trials: good practice and pitfalls.
/// Lancet 2002;359:1686–9 (risk table under the axis, follow-up cut where few remain at risk).
public struct KaplanMeierPlot: Sendable {
    /// The curves, in legend order.
    public var curves: [(label: String, curve: KaplanMeierCurve)]
    public var options: KaplanMeierFigureOptions

    /// Creates a figure.
    public init(curves: [(String, KaplanMeierCurve)], options: KaplanMeierFigureOptions) {
        self.curves = curves.map { (label: $0.0, curve: $0.1) }
        self.options = options
    }

    /// Okabe–Ito: black, orange, blue, bluish green, vermillion, reddish purple.
    static let colors: [Drawing.Color] = [0x000000, 0xE69F00, 0x0072B2, 0x009E73, 0xD55E00, 0xCC79A7].map(Drawing.Color.init(hex:))
    static let dashes: [[Double]] = [[], [7, 3], [2, 2], [9, 3, 2, 3], [4, 2], [12, 3, 2, 3, 2, 3]]

    /// Censor-mark shapes, one per group.
    enum Mark: CaseIterable { case tick, plus, cross, diamond, triangle, square }

    /// Tick marks for the time axis: 4 to 8 "nice" steps (1, 2, 2.5, 5 × 10^k) from 0.
    public static func ticks(upTo maximum: Double) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [0, 1] }
        let raw = maximum / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let count = min(Int((maximum / step).rounded(.up)), 12)
        return (0...count).map { Double($0) * step }
    }

    /// Breaks every `step` from 0 to `maximum` (at most 40; nil when a step that small is asked).
    public static func ticks(upTo maximum: Double, by step: Double) -> [Double]? {
        guard step > 0, maximum > 0, (maximum / step) <= 40 else { return nil }
        let count = Int((maximum / step * (1 + 1e-9)).rounded(.down))
        return (0...count).map { Double($0) * step }
    }

    /// Number at risk at time t: subjects whose observed time is ≥ t.
    public static func numberAtRisk(_ curve: KaplanMeierCurve, at t: Double) -> Int {
        curve.steps.first { $0.time >= t }?.nRisk ?? 0
    }

    /// The SVG document.
    public func svg() -> String { drawing().svg() }

    /// The one-page vector PDF.
    public func pdf() -> String { drawing().pdf() }

    /// The figure as shapes.
    public func drawing() -> Drawing {
        let layout = Layout(self)
        var d = Drawing(width: layout.width, height: layout.height, title: "Kaplan–Meier curves: \(options.endpoint)")
        drawHeader(&d, layout)
        drawAxes(&d, layout)
        if options.bands { for k in curves.indices { drawBand(&d, layout, k) } }
        if options.medianLines { drawMedianLines(&d, layout) }
        for k in curves.indices { drawCurve(&d, layout, k) }
        drawRiskTable(&d, layout)
        return d
    }

    /// Where everything goes: margins from the longest risk-table label, the legend's height from
    /// the number of groups, the time axis from the options.
    struct Layout {
        let width = 760.0
        let left: Double, right = 30.0, top: Double, plotHeight = 330.0
        let titleY: Double?, legendTop: Double
        let riskTop: Double, riskRowHeight = 22.0, height: Double
        let ticks: [Double], axisMax: Double
        /// Room for the risk-table labels, in Helvetica widths (the labels are cut to it).
        let riskLabelWidth: Double
        /// Break labels and numbers at risk are printed at every `riskStride`-th break, so that
        /// neighbours never touch (a tick at every break).
        let riskStride: Int
        var plotWidth: Double { width - left - right }

        init(_ plot: KaplanMeierPlot) {
            let labels = plot.curves.map { Drawing.textWidth($0.label, size: 13) }
            riskLabelWidth = min(labels.max() ?? 0, 190)
            // The first column of numbers is centred on the axis origin: the labels end half its
            // widest number (and a gap) before it, in the widths of a substituted font.
            let countWidths = plot.curves.map { Drawing.textWidth(String($0.curve.n), size: 13) }
            let widestFirst = countWidths.max() ?? 0
            left = max(100, 34 + (riskLabelWidth + widestFirst / 2) * KaplanMeierPlot.substitution + 12)
            titleY = plot.options.title == nil ? nil : 26
            legendTop = (titleY ?? 0) + 26
            top = legendTop + 18 * Double(plot.curves.count + 1) + 10
            riskTop = top + plotHeight + 70
            height = riskTop + 30 + riskRowHeight * Double(plot.curves.count) + 14
            let lastTime = plot.curves.map { $0.curve.lastTime }.max() ?? 1
            let end = plot.options.timeMax ?? lastTime
            if let step = plot.options.timeStep, let chosen = KaplanMeierPlot.ticks(upTo: end, by: step) {
                ticks = chosen
                axisMax = plot.options.timeMax ?? chosen.last!
            } else {
                let automatic = KaplanMeierPlot.ticks(upTo: end)
                ticks = plot.options.timeMax == nil ? automatic : automatic.filter { $0 <= end * (1 + 1e-9) }
                axisMax = plot.options.timeMax ?? automatic.last!
            }
            let widestNumber = (countWidths + ticks.map { Drawing.textWidth(KaplanMeierPlot.formatTick($0), size: 13) }).max() ?? 0
            let spacing = (width - left - right) * (ticks.count > 1 ? (ticks[1] - ticks[0]) / (axisMax > 0 ? axisMax : 1) : 1)
            let needed = widestNumber * KaplanMeierPlot.substitution + 8
            // Clamped while still a Double, so no spacing (however small) reaches Int(_:) out of range.
            riskStride = spacing > 0 ? max(1, Int(min(Double(ticks.count), (needed / spacing).rounded(.up)))) : 1
        }

        func x(_ t: Double) -> Double { left + plotWidth * min(t, axisMax) / (axisMax > 0 ? axisMax : 1) }
        func y(_ s: Double) -> Double { top + plotHeight * (1 - s) }
    }

    /// Text is measured with Helvetica's widths; a viewer without Helvetica (or Arial) draws a
    /// substitute, and the common one on Linux, DejaVu Sans, is up to about 15% wider. Text that
    /// ends where other text begins is fitted into its room divided by this factor.
    static let substitution = 1.15

    /// `string` cut to fit `width` also when drawn in a substituted font.
    static func fit(_ string: String, width: Double, size: Double, bold: Bool = false) -> String {
        Drawing.fitted(string, width: width / substitution, size: size, bold: bold)
    }

    func style(_ k: Int) -> (color: Drawing.Color, dash: [Double], mark: Mark) {
        (Self.colors[k % Self.colors.count], Self.dashes[k % Self.dashes.count], Mark.allCases[k % Mark.allCases.count])
    }

    /// Title, legend (line sample with the censor mark, label, n and events) and the comparison.
    func drawHeader(_ d: inout Drawing, _ l: Layout) {
        if let title = options.title, let y = l.titleY {
            d.text(.init(string: Self.fit(title, width: l.width - 20, size: 16, bold: true), at: .init(10, y), size: 16, bold: true))
        }
        let noteWidth = options.note.map { Drawing.textWidth($0, size: 13) * Self.substitution + 20 } ?? 0
        var y = l.legendTop
        for (k, item) in curves.enumerated() {
            let s = style(k)
            d.line(.init(10, y - 4), .init(44, y - 4), .init(color: s.color, width: 2, dash: s.dash))
            drawMark(&d, s.mark, at: .init(27, y - 4), color: s.color)
            let text = "\(item.label) (n = \(item.curve.n), events = \(item.curve.events))"
            d.text(.init(string: Self.fit(text, width: l.width - l.right - 52 - (k == 0 ? noteWidth : 0), size: 13), at: .init(52, y)))
            y += 18
        }
        d.text(.init(string: "Marks: censored patients", at: .init(52, y), size: 11, color: .grey))
        if let note = options.note {
            d.text(.init(string: note, at: .init(l.width - l.right, l.legendTop), anchor: .end))
        }
    }

    func drawAxes(_ d: inout Drawing, _ l: Layout) {
        let bottom = l.top + l.plotHeight
        for s in stride(from: 0.0, through: 1.0, by: 0.25) {
            d.line(.init(l.left, l.y(s)), .init(l.left + l.plotWidth, l.y(s)), .init(color: .lightGrey))
            d.text(.init(string: "\(Int(s * 100))%", at: .init(l.left - 8, l.y(s) + 4), anchor: .end))
        }
        d.line(.init(l.left, l.top), .init(l.left, bottom), .init(color: .black))
        d.line(.init(l.left, bottom), .init(l.left + l.plotWidth, bottom), .init(color: .black))
        for (i, t) in l.ticks.enumerated() {
            d.line(.init(l.x(t), bottom), .init(l.x(t), bottom + 5), .init(color: .black))
            if i % l.riskStride == 0 { d.text(.init(string: Self.formatTick(t), at: .init(l.x(t), bottom + 20), anchor: .middle)) }
        }
        let timeTitle = options.unitLabel.map { "Time (\($0))" } ?? "Time"
        d.text(.init(string: timeTitle, at: .init(l.left + l.plotWidth / 2, bottom + 42), anchor: .middle, bold: true))
        d.text(.init(string: Self.fit(options.endpoint, width: l.plotHeight, size: 13, bold: true),
                     at: .init(l.left - 52, l.top + l.plotHeight / 2), anchor: .middle, bold: true, vertical: true))
    }

    /// The survival curve as step points from (0, 1), cut at the axis end. A confidence limit
    /// that is not defined while the estimate is still 1 (log-log and log intervals before the
    /// first event) is drawn at 1, where the band meets the curve; one not defined after that
    /// (the estimate reached 0) ends the band.
    func stepPoints(_ curve: KaplanMeierCurve, value: (KaplanMeierStep) -> Double?, end: Double) -> [(Double, Double)] {
        var points: [(Double, Double)] = [(0, 1)]
        var last = 1.0
        for s in curve.steps where s.time <= end {
            guard let v = value(s) ?? (s.survival == 1 ? 1 : nil) else { break }
            if v != last { points.append((s.time, last)); points.append((s.time, v)) }
            last = v
        }
        points.append((min(curve.lastTime, end), last))
        return points
    }

    /// The pointwise band: a transparent fill with a thin outline in the group's colour.
    func drawBand(_ d: inout Drawing, _ l: Layout, _ k: Int) {
        let curve = curves[k].curve
        let upper = stepPoints(curve, value: { $0.upper }, end: l.axisMax)
        let lower = stepPoints(curve, value: { $0.lower }, end: l.axisMax)
        let points = (upper + lower.reversed()).map { Drawing.Point(l.x($0.0), l.y($0.1)) }
        let s = style(k)
        // Fainter fills as more bands overlap, so that where all of them cover a region it stays light.
        let opacity = curves.count <= 2 ? 0.14 : curves.count <= 4 ? 0.09 : 0.06
        d.shapes.append(.polygon(points, fill: .init(color: s.color, opacity: opacity),
                                 stroke: .init(color: s.color, width: 0.75, dash: s.dash.map { $0 / 2 }, opacity: 0.6)))
    }

    func drawCurve(_ d: inout Drawing, _ l: Layout, _ k: Int) {
        let s = style(k)
        let curve = curves[k].curve
        let points = stepPoints(curve, value: { $0.survival }, end: l.axisMax).map { Drawing.Point(l.x($0.0), l.y($0.1)) }
        d.shapes.append(.polyline(points, .init(color: s.color, width: 2, dash: s.dash)))
        for step in curve.steps where step.nCensor > 0 && step.time <= l.axisMax {
            drawMark(&d, s.mark, at: .init(l.x(step.time), l.y(step.survival)), color: s.color)
        }
    }

    /// A censor mark, 9 points across.
    func drawMark(_ d: inout Drawing, _ mark: Mark, at p: Drawing.Point, color: Drawing.Color) {
        let r = 4.5
        let stroke = Drawing.Stroke(color: color, width: 1.5)
        func at(_ dx: Double, _ dy: Double) -> Drawing.Point { .init(p.x + dx, p.y + dy) }
        switch mark {
        case .tick: d.line(at(0, -r), at(0, r), stroke)
        case .plus: d.line(at(0, -r), at(0, r), stroke); d.line(at(-r, 0), at(r, 0), stroke)
        case .cross: d.line(at(-r, -r), at(r, r), stroke); d.line(at(-r, r), at(r, -r), stroke)
        case .diamond: d.shapes.append(.polygon([at(0, -r), at(r, 0), at(0, r), at(-r, 0)], fill: .init(color: .white), stroke: stroke))
        case .triangle: d.shapes.append(.polygon([at(0, -r), at(r, r * 0.8), at(-r, r * 0.8)], fill: .init(color: .white), stroke: stroke))
        case .square: d.shapes.append(.polygon([at(-r * 0.8, -r * 0.8), at(r * 0.8, -r * 0.8), at(r * 0.8, r * 0.8), at(-r * 0.8, r * 0.8)],
                                               fill: .init(color: .white), stroke: stroke))
        }
    }

    /// Each reached median: dotted from the 50% line to the curve, then down to the time axis.
    func drawMedianLines(_ d: inout Drawing, _ l: Layout) {
        let medians = curves.enumerated().compactMap { k, item in item.curve.median().estimate.map { (k, $0) } }
            .filter { $0.1 <= l.axisMax }
        guard let longest = medians.map(\.1).max() else { return }
        let grey = Drawing.Stroke(color: .grey, width: 1, dash: [2, 3])
        d.line(.init(l.left, l.y(0.5)), .init(l.x(longest), l.y(0.5)), grey)
        for (k, m) in medians {
            d.line(.init(l.x(m), l.y(0.5)), .init(l.x(m), l.top + l.plotHeight), .init(color: style(k).color, width: 1, dash: [2, 3]))
        }
    }

    /// Number at risk at each break (every `riskStride`-th when the breaks are too close for
    /// the numbers), one row per group, labels cut to fit before the first column.
    func drawRiskTable(_ d: inout Drawing, _ l: Layout) {
        d.text(.init(string: "Number at risk", at: .init(10, l.riskTop), bold: true))
        for (k, item) in curves.enumerated() {
            let rowY = l.riskTop + 24 + l.riskRowHeight * Double(k)
            let s = style(k)
            d.line(.init(10, rowY - 4), .init(28, rowY - 4), .init(color: s.color, width: 2, dash: s.dash))
            d.text(.init(string: Drawing.fitted(item.label, width: l.riskLabelWidth, size: 13), at: .init(34, rowY),
                         data: [("group", item.label)]))
            for (i, t) in l.ticks.enumerated() where i % l.riskStride == 0 {
                d.text(.init(string: String(Self.numberAtRisk(item.curve, at: t)), at: .init(l.x(t), rowY), anchor: .middle,
                             data: [("time", Self.formatTick(t)), ("group", item.label)]))
            }
        }
    }

    static func formatTick(_ t: Double) -> String {
        t == t.rounded() && abs(t) < 1e15 ? String(Int(t)) : formatForPeople(t)
    }
}

extension KaplanMeierFigureOptions {
    /// The comparison as the figure prints it, in journal style ("Log-rank p = 0.81",
    /// "Fleming–Harrington (ρ = 1) p < 0.0001"): the same p as the report's table.
    public static func comparisonNote(_ test: LogRankResult) -> String {
        let name = test.rho == 0 ? "Log-rank" : "Fleming–Harrington (ρ = \(formatForPeople(test.rho)))"
        let p = PaperFormat.pValue(test.pValue)
        return "\(name) p \(p.hasPrefix("<") ? p : "= " + p)"
    }
}
