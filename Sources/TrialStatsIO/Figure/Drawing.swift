import Foundation

/// A figure as a list of shapes in page coordinates (points, origin top left, y downwards):
/// what a plot decides once, and what the SVG and PDF renderers both draw, so the two files show
/// the same figure.
///
/// Text is measured with the metrics of the font the PDF embeds (`Drawing.textWidth`: Liberation
/// Sans, whose widths are Helvetica's and Arial's, the fonts the SVG names), so a layout that fits
/// in one fits in the other.
public struct Drawing: Sendable, Equatable {
    /// Page size in points.
    public var width: Double
    public var height: Double
    /// What the figure shows, for assistive technology (SVG `aria-label`, PDF `/Title`).
    public var title: String
    public var shapes: [Shape] = []

    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    /// An sRGB colour.
    public struct Color: Sendable, Equatable {
        public var red: UInt8, green: UInt8, blue: UInt8
        public init(hex: UInt32) {
            red = UInt8((hex >> 16) & 0xFF)
            green = UInt8((hex >> 8) & 0xFF)
            blue = UInt8(hex & 0xFF)
        }
        public static let black = Color(hex: 0x000000)
        public static let white = Color(hex: 0xFFFFFF)
        public static let grey = Color(hex: 0x555555)
        public static let lightGrey = Color(hex: 0xE5E5E5)
    }

    /// How a line is drawn.
    public struct Stroke: Sendable, Equatable {
        public var color: Color
        public var width: Double
        /// Dash pattern (on, off, …) in points; empty for solid.
        public var dash: [Double]
        /// 1 is opaque.
        public var opacity: Double
        public init(color: Color, width: Double = 1, dash: [Double] = [], opacity: Double = 1) {
            self.color = color
            self.width = width
            self.dash = dash
            self.opacity = opacity
        }
    }

    /// How an area is filled.
    public struct Fill: Sendable, Equatable {
        public var color: Color
        public var opacity: Double
        public init(color: Color, opacity: Double = 1) {
            self.color = color
            self.opacity = opacity
        }
    }

    public struct Point: Sendable, Equatable {
        public var x: Double, y: Double
        public init(_ x: Double, _ y: Double) {
            self.x = x
            self.y = y
        }
    }

    public enum Anchor: String, Sendable, Equatable {
        case start, middle, end
    }

    /// Text on one line.
    public struct Text: Sendable, Equatable {
        public var string: String
        public var at: Point
        public var anchor: Anchor = .start
        public var size: Double = 13
        public var bold = false
        public var color: Color = .black
        /// Rotated 90° anticlockwise about `at` (a vertical axis title).
        public var vertical = false
        /// Machine-readable attributes kept in the SVG (`data-…`), ignored by the PDF.
        public var data: [(String, String)] = []

        public static func == (a: Text, b: Text) -> Bool {
            a.string == b.string && a.at == b.at && a.anchor == b.anchor && a.size == b.size && a.bold == b.bold
                && a.color == b.color && a.vertical == b.vertical && a.data.map(\.0) == b.data.map(\.0) && a.data.map(\.1) == b.data.map(\.1)
        }
    }

    public enum Shape: Sendable, Equatable {
        /// An open polyline.
        case polyline([Point], Stroke)
        /// A closed polygon, filled and/or outlined.
        case polygon([Point], fill: Fill?, stroke: Stroke?)
        case text(Text)
    }

    public mutating func line(_ from: Point, _ to: Point, _ stroke: Stroke) {
        shapes.append(.polyline([from, to], stroke))
    }

    public mutating func text(_ text: Text) { shapes.append(.text(text)) }

    /// Width of `string` at `size` points: the advance widths (`hmtx`) of the fonts the PDF
    /// embeds, for the characters the PDF writes (`winAnsiBytes`: "−" is measured as the "-" it
    /// is written as). For ASCII these are Helvetica's widths (Adobe's AFM) and Arial's.
    public static func textWidth(_ string: String, size: Double, bold: Bool = false) -> Double {
        let widths = bold ? TrueTypeFont.bold.winAnsiWidths : TrueTypeFont.regular.winAnsiWidths
        let units = string.unicodeScalars.reduce(0) { sum, s in winAnsiBytes(s).reduce(sum) { $0 + widths[Int($1) - 32] } }
        return Double(units) * size / 1000
    }

    /// `string` cut to fit `width` with an ellipsis, or whole when it fits.
    public static func fitted(_ string: String, width: Double, size: Double, bold: Bool = false) -> String {
        guard textWidth(string, size: size, bold: bold) > width else { return string }
        var cut = string
        while !cut.isEmpty && textWidth(cut + "…", size: size, bold: bold) > width { cut.removeLast() }
        return cut + "…"
    }
}
