import Foundation
import Testing
import TrialStats
@testable import TrialStatsIO

/// `trimmingWhitespace` replaces Foundation's `trimmingCharacters(in: .whitespaces)` on every
/// cell read; it must give the same text for every kind of space, separator and control.
@Suite("Whitespace trimming equals Foundation's")
struct WhitespaceTests {
    /// Every space separator (Zs), the tab, and scalars that are not whitespace for Foundation but
    /// look like it: LF, CR, VT, FF, NEL, line/paragraph separators, zero-width space, BOM.
    static let edges: [Unicode.Scalar] = [
        " ", "\t", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2001}", "\u{2002}", "\u{2003}", "\u{2004}", "\u{2005}", "\u{2006}",
        "\u{2007}", "\u{2008}", "\u{2009}", "\u{200A}", "\u{202F}", "\u{205F}", "\u{3000}",
        "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{200B}", "\u{FEFF}", "\u{180E}",
    ]

    @Test("each scalar is whitespace exactly when CharacterSet.whitespaces holds it")
    func classification() {
        for scalar in Self.edges {
            #expect(isHorizontalWhitespace(scalar) == CharacterSet.whitespaces.contains(scalar), "U+\(String(scalar.value, radix: 16))")
        }
        // Every scalar of the Basic Multilingual Plane and a sample beyond it.
        for value in Array(0..<0xD800) + Array(0xE000...0xFFFF) + [0x1_0000, 0x1_F600, 0x10_FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(isHorizontalWhitespace(scalar) == CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }

    @Test("a line's trailing white space goes as a regular expression's \\s+$ takes it")
    func trailingWhitespace() {
        // Every scalar of the Basic Multilingual Plane after a cell, alone and doubled, and before a letter.
        for value in Array(0..<0xD800) + Array(0xE000...0xFFFF) + [0x1_0000, 0x1_F600, 0x10_FFFF] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in ["ab\(scalar)", "ab\(scalar)\(scalar)", "\(scalar)b", "\(scalar)"] {
                let expected = text.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                #expect(text.droppingTrailingWhitespace() == expected, "U+\(String(value, radix: 16)) in \(text.unicodeScalars.map(\.value))")
            }
        }
        var generator = SeededGenerator(seed: 12)
        let pieces: [String] = Self.edges.map { String($0) } + ["1", "NA", "é", "x y", "", "😀", "e\u{301}", " \u{301}"]
        for _ in 0..<5_000 {
            let text = (0..<generator.int(in: 0...6)).map { _ in pieces[generator.int(in: 0..<pieces.count)] }.joined()
            let expected = text.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            #expect(text.droppingTrailingWhitespace() == expected, "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test("trimming equals Foundation's on generated texts")
    func trimming() {
        var generator = SeededGenerator(seed: 11)
        let pieces: [String] = Self.edges.map { String($0) } + ["1", "2.5", "NA", "é", "x y", "-", "", "\"", "😀", "e\u{301}"]
        for _ in 0..<5_000 {
            let count = generator.int(in: 0...6)
            let text = (0..<count).map { _ in pieces[generator.int(in: 0..<pieces.count)] }.joined()
            #expect(trimmingWhitespace(text) == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map { $0.value })")
        }
        #expect(trimmingWhitespace("  12.5\t") == "12.5" && trimmingWhitespace("\u{A0}NA\u{3000}") == "NA" && trimmingWhitespace(" \t ") == "")
        #expect(trimmingWhitespace("\n1\n") == "\n1\n")
    }
}
