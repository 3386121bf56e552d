import Foundation
import TrialStats

/// A Kaplan–Meier figure as a standalone SVG: step curves per group with censoring marks,
/// optional pointwise confidence bands, axes with the time unit, a legend, and the number-at-risk
/// table aligned under the time axis at the tick marks.
///
/// The output is deterministic (same curves, same bytes): coordinates are printed with two
/// decimals and nothing depends on the clock or the locale. Colours are the Okabe–Ito palette,
/// distinguishable with the common colour-vision deficiencies; lines also differ in dash pattern.
public struct KaplanMeierPlot: Sendable {
    /// The curves, in legend order.
    public var curves: [(label: String, curve: KaplanMeierCurve)]
    /// The time unit for the axis title ("months"); nil for plain "Time".
    public var unitLabel: String?
    /// Whether to draw the pointwise confidence bands.
    public var showConfidenceBands: Bool
    /// A line printed in the plot area (for example the log-rank p-value).
    public var note: String?

    /// Creates a figure.
    public init(curves: [(String, KaplanMeierCurve)], unitLabel: String?, showConfidenceBands: Bool, note: String? = nil) {
        self.curves = curves.map { (label: $0.0, curve: $0.1) }
        self.unitLabel = unitLabel
        self.showConfidenceBands = showConfidenceBands
        self.note = note
    }

    static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    static let dashes = ["", "8 4", "2 3", "10 3 2 3", "4 4", "1 2", "12 4", "6 2"]

    /// Tick marks for the time axis: 4 to 8 "nice" steps (1, 2, 2.5, 5 × 10^k) from 0.
    public static func ticks(upTo maximum: Double) -> [Double] {
        guard maximum > 0 else { return [0, 1] }
        let raw = maximum / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let count = Int((maximum / step).rounded(.up))
        return (0...count).map { Double($0) * step }
    }

    /// Number at risk at time t: subjects whose observed time is ≥ t.
    public static func numberAtRisk(_ curve: KaplanMeierCurve, at t: Double) -> Int {
        curve.steps.first { $0.time >= t }?.nRisk ?? 0
    }

    /// The SVG document.
    public func svg() -> String {
        let width = 760.0
        let legendRows = Double(curves.count + 1)
        let left = 150.0, right = 30.0, top = 20 + 18 * legendRows + 12
        let plotHeight = 330.0
        let plotWidth = width - left - right
        let riskRowHeight = 22.0
        let riskTop = top + plotHeight + 70
        let height = riskTop + 30 + riskRowHeight * Double(curves.count) + 20
        let maxTime = curves.map { $0.curve.lastTime }.max() ?? 1
        let ticks = Self.ticks(upTo: maxTime)
        let axisMax = ticks.last ?? maxTime
        func x(_ t: Double) -> Double { left + plotWidth * t / axisMax }
        func y(_ s: Double) -> Double { top + plotHeight * (1 - s) }
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" \
            font-family="Helvetica, Arial, sans-serif" font-size="13">
            <rect width="100%" height="100%" fill="white"/>

            """
        // Grid and axes.
        for s in stride(from: 0.0, through: 1.0, by: 0.25) {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y(s)))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y(s)))\" stroke=\"#e5e5e5\"/>\n"
            out += "<text x=\"\(f(left - 8))\" y=\"\(f(y(s) + 4))\" text-anchor=\"end\">\(Int(s * 100))%</text>\n"
        }
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\" stroke=\"black\"/>\n"
        out += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(top + plotHeight))\" stroke=\"black\"/>\n"
        for t in ticks {
            out += "<line x1=\"\(f(x(t)))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(x(t)))\" y2=\"\(f(top + plotHeight + 5))\" stroke=\"black\"/>\n"
            out += "<text x=\"\(f(x(t)))\" y=\"\(f(top + plotHeight + 20))\" text-anchor=\"middle\">\(formatTick(t))</text>\n"
        }
        let timeTitle = unitLabel.map { "Time (\($0))" } ?? "Time"
        out += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(top + plotHeight + 42))\" text-anchor=\"middle\" font-weight=\"bold\">\(escapeXML(timeTitle))</text>\n"
        out += "<text transform=\"translate(\(f(left - 55)) \(f(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" font-weight=\"bold\">Survival probability</text>\n"
        // Curves.
        for (k, item) in curves.enumerated() {
            let color = Self.colors[k % Self.colors.count]
            let steps = item.curve.steps
            if showConfidenceBands {
                var upperPath: [(Double, Double)] = [(0, 1)]
                var lowerPath: [(Double, Double)] = [(0, 1)]
                var lastUpper = 1.0, lastLower = 1.0
                for s in steps {
                    guard let lo = s.lower, let hi = s.upper else { continue }
                    upperPath.append((s.time, lastUpper)); upperPath.append((s.time, hi))
                    lowerPath.append((s.time, lastLower)); lowerPath.append((s.time, lo))
                    lastUpper = hi; lastLower = lo
                }
                upperPath.append((item.curve.lastTime, lastUpper))
                lowerPath.append((item.curve.lastTime, lastLower))
                let polygon = (upperPath + lowerPath.reversed()).map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
                out += "<polygon points=\"\(polygon)\" fill=\"\(color)\" fill-opacity=\"0.15\" stroke=\"none\"/>\n"
            }
            var path = "M\(f(x(0))),\(f(y(1)))"
            for s in steps where s.nEvent > 0 {
                path += " H\(f(x(s.time))) V\(f(y(s.survival)))"
            }
            path += " H\(f(x(item.curve.lastTime)))"
            let dash = Self.dashes[k % Self.dashes.count]
            out += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
            for s in steps where s.nCensor > 0 {
                let cx = x(s.time), cy = y(s.survival)
                out += "<path d=\"M\(f(cx)),\(f(cy - 5)) V\(f(cy + 5))\" stroke=\"\(color)\" stroke-width=\"1.5\"/>\n"
            }
        }
        // Legend, above the plot area so that it never covers a curve.
        let legendX = left
        var legendY = 24.0
        for (k, item) in curves.enumerated() {
            let color = Self.colors[k % Self.colors.count]
            let dash = Self.dashes[k % Self.dashes.count]
            out += "<line x1=\"\(f(legendX))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(legendX + 28))\" y2=\"\(f(legendY - 4))\" stroke=\"\(color)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
            out += "<text x=\"\(f(legendX + 36))\" y=\"\(f(legendY))\">\(escapeXML(item.label)) (n = \(item.curve.n), events = \(item.curve.events))</text>\n"
            legendY += 18
        }
        out += "<text x=\"\(f(legendX + 36))\" y=\"\(f(legendY))\" fill=\"#555\">| censored</text>\n"
        if let note {
            out += "<text x=\"\(f(left + 10))\" y=\"\(f(top + plotHeight - 12))\" fill=\"#333\">\(escapeXML(note))</text>\n"
        }
        // Risk table.
        out += "<text x=\"\(f(10))\" y=\"\(f(riskTop))\" font-weight=\"bold\">Number at risk</text>\n"
        for (k, item) in curves.enumerated() {
            let rowY = riskTop + 24 + riskRowHeight * Double(k)
            let color = Self.colors[k % Self.colors.count]
            out += "<text x=\"\(f(10))\" y=\"\(f(rowY))\" fill=\"\(color)\">\(escapeXML(item.label))</text>\n"
            for t in ticks {
                out += "<text x=\"\(f(x(t)))\" y=\"\(f(rowY))\" text-anchor=\"middle\" data-time=\"\(formatTick(t))\" data-group=\"\(escapeXML(item.label))\">\(Self.numberAtRisk(item.curve, at: t))</text>\n"
            }
        }
        out += "</svg>\n"
        return out
    }

    private func formatTick(_ t: Double) -> String {
        t == t.rounded() ? String(Int(t)) : formatForPeople(t)
    }
}

/// Escapes text for XML content and attributes.
func escapeXML(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
