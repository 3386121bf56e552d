import Foundation

extension Verifier {
    /// `label-shape`: the row label announces one statistic and the cells print another (for
    /// example "N (%)" over medians with ranges). One finding per row, on its first such cell.
    static func labelShapeFindings(_ cells: [ReadCell]) -> [Finding] {
        var findings: [Finding] = []
        var reported: [String: Int] = [:]
        for c in cells {
            let mismatch: Bool
            switch (c.label, c.parsed) {
            case (.countPercent, .medianIQR), (.countPercent, .medianRange), (.countPercent, .meanSD): mismatch = true
            case (.medianIQR, .count), (.medianRange, .count), (.meanSD, .count): mismatch = true
            default: mismatch = false
            }
            guard mismatch else { continue }
            let key = c.cell.table + "\u{1F}" + c.cell.section + "\u{1F}" + c.cell.row
            if let i = reported[key] {
                findings[i].related.append(c.reference)
                continue
            }
            reported[key] = findings.count
            findings.append(Finding(severity: .warning, check: "label-shape", cell: c.reference, text: c.cell.text,
                                    message: "The row label announces \(c.label.rawValue), but \"\(c.cell.text)\" has the shape of \(c.parsed.kind); either the label or the cells are wrong."))
        }
        return findings
    }

    /// `count-bounds` and `percent-rounding`: a count cannot exceed its column's N, and its printed
    /// percentage must be 100·x/N rounded to the printed decimals under half-up, half-even or
    /// truncation (an error when none gives it; a note when only truncation does).
    static func countFindings(_ cells: [ReadCell]) -> [Finding] {
        var findings: [Finding] = []
        for c in cells {
            guard case let .count(x, percent) = c.parsed, let n = c.cell.columnN else { continue }
            if x > n {
                var message = "\(x) patients cannot be counted in a column of N = \(n)."
                if let percent {
                    let candidates = (0...n).filter { k in RoundingRule.allCases.contains { $0.prints(100 * Double(k) / Double(n), as: percent.value, decimals: percent.decimals) } }
                    if !candidates.isEmpty {
                        message += " The printed \(percent.text)% of \(n) is \(candidates.map(String.init).joined(separator: " or ")) patient\(candidates == [1] ? "" : "s")."
                    }
                }
                findings.append(Finding(severity: .error, check: "count-bounds", cell: c.reference, text: c.cell.text, message: message))
                continue
            }
            guard let percent, n > 0 else { continue }
            let exact = 100 * Double(x) / Double(n)
            let rules = RoundingRule.allCases.filter { $0.prints(exact, as: percent.value, decimals: percent.decimals) }
            if rules.isEmpty {
                let candidates = (0...n).filter { k in RoundingRule.allCases.contains { $0.prints(100 * Double(k) / Double(n), as: percent.value, decimals: percent.decimals) } }
                var message = "\(x)/\(n) = \(String(format: "%.\(percent.decimals + 2)f", exact))%, which prints as \(String(format: "%.\(percent.decimals)f", RoundingRule.halfUp.round(exact, decimals: percent.decimals)))% (rounded) or \(String(format: "%.\(percent.decimals)f", RoundingRule.truncate.round(exact, decimals: percent.decimals)))% (truncated), not \(percent.text)%."
                if !candidates.isEmpty {
                    message += " \(percent.text)% of \(n) would be \(candidates.map(String.init).joined(separator: " or ")) patients."
                } else {
                    message += " No count out of \(n) gives \(percent.text)%."
                }
                let denominators = (max(x, 1)...(2 * n + 5)).filter { d in d != n && RoundingRule.allCases.contains { $0.prints(100 * Double(x) / Double(d), as: percent.value, decimals: percent.decimals) } }
                if let nearest = denominators.min(by: { abs($0 - n) < abs($1 - n) }) {
                    message += " \(x) is \(percent.text)% of \(nearest)."
                }
                findings.append(Finding(severity: .error, check: "percent-rounding", cell: c.reference, text: c.cell.text, message: message))
            } else if rules == [.truncate] {
                findings.append(Finding(severity: .note, check: "percent-rounding", cell: c.reference, text: c.cell.text,
                                        message: "\(x)/\(n) = \(String(format: "%.\(percent.decimals + 2)f", exact))% prints as \(percent.text)% only if truncated; rounding gives \(String(format: "%.\(percent.decimals)f", RoundingRule.halfUp.round(exact, decimals: percent.decimals)))%."))
            }
        }
        return findings
    }

    /// `rounding-convention`: within one table, a percentage that only one rounding rule explains
    /// and another that only a different rule explains mean the table mixes conventions.
    static func roundingConventionFindings(_ cells: [ReadCell]) -> [Finding] {
        var findings: [Finding] = []
        var byTable: [String: [(ReadCell, Set<RoundingRule>)]] = [:]
        var tableOrder: [String] = []
        for c in cells {
            guard case let .count(x, percent?) = c.parsed, let n = c.cell.columnN, n > 0, x <= n else { continue }
            let exact = 100 * Double(x) / Double(n)
            let rules = Set(RoundingRule.allCases.filter { $0.prints(exact, as: percent.value, decimals: percent.decimals) })
            guard !rules.isEmpty, rules.count < RoundingRule.allCases.count else { continue }
            if byTable[c.cell.table] == nil { tableOrder.append(c.cell.table) }
            byTable[c.cell.table, default: []].append((c, rules))
        }
        for table in tableOrder {
            let entries = byTable[table]!
            let common = entries.reduce(Set(RoundingRule.allCases)) { $0.intersection($1.1) }
            guard common.isEmpty else { continue }
            // Name one pair of cells that no single rule explains together.
            for (i, a) in entries.enumerated() {
                if let b = entries[(i + 1)...].first(where: { a.1.isDisjoint(with: $0.1) }) {
                    let describe: (Set<RoundingRule>) -> String = { $0.map(\.rawValue).sorted().joined(separator: "/") }
                    findings.append(Finding(severity: .note, check: "rounding-convention", cell: a.0.reference, text: a.0.cell.text,
                                            message: "\(table) mixes rounding conventions: \"\(a.0.cell.text)\" fits only \(describe(a.1)), \"\(b.0.cell.text)\" (\(b.0.cell.row), \(b.0.cell.column)) only \(describe(b.1)).",
                                            related: [b.0.reference]))
                    break
                }
            }
        }
        return findings
    }

    /// `subgroup-sum`: when the subgroup columns' N add up to the total column's N, their counts
    /// must add up to the total's count.
    static func subgroupSumFindings(_ rows: [ReadRow]) -> [Finding] {
        var findings: [Finding] = []
        for row in rows {
            guard let total = row.cells.first(where: { isTotalColumn($0.cell.column) }),
                  case let .count(totalCount, _) = total.parsed, let totalN = total.cell.columnN else { continue }
            let parts = row.cells.filter { !isTotalColumn($0.cell.column) && $0.cell.columnN != nil }
            guard parts.count >= 2 else { continue }
            var counts: [Int] = []
            for p in parts {
                guard case let .count(x, _) = p.parsed else { counts = []; break }
                counts.append(x)
            }
            guard counts.count == parts.count, parts.reduce(0, { $0 + $1.cell.columnN! }) == totalN else { continue }
            let sum = counts.reduce(0, +)
            if sum != totalCount {
                let terms = zip(parts, counts).map { "\($0.cell.column) \($1)" }.joined(separator: " + ")
                findings.append(Finding(severity: .error, check: "subgroup-sum", cell: total.reference, text: total.cell.text,
                                        message: "The subgroups add up to \(terms) = \(sum), but the \(total.cell.column) column prints \(totalCount) (the subgroups' N add up to \(totalN)).",
                                        related: parts.map(\.reference)))
            }
        }
        return findings
    }

    /// `grade-sum`: an "any grade" row counts each patient once, at the highest grade, so it
    /// equals the sum of the grade rows when all grades are shown (more than the sum only when
    /// some grade rows are missing; never less).
    static func gradeSumFindings(_ rows: [ReadRow]) -> [Finding] {
        var findings: [Finding] = []
        let pattern = try! NSRegularExpression(pattern: "^(.*?)\\s*\\((any grade|grade\\s*(\\d+))\\)", options: [.caseInsensitive])
        func parseLabel(_ label: String) -> (prefix: String, grade: Int?)? {
            let range = NSRange(label.startIndex..., in: label)
            guard let m = pattern.firstMatch(in: label, range: range) else { return nil }
            let prefix = String(label[Range(m.range(at: 1), in: label)!]).lowercased()
            if let g = Range(m.range(at: 3), in: label) { return (prefix, Int(label[g])) }
            return (prefix, nil)
        }
        var groups: [String: (any: ReadRow?, grades: [(Int, ReadRow)])] = [:]
        var order: [String] = []
        for row in rows {
            guard let (prefix, grade) = parseLabel(row.row) else { continue }
            let key = row.table + "\u{1F}" + row.section + "\u{1F}" + prefix
            if groups[key] == nil { groups[key] = (nil, []); order.append(key) }
            if let grade { groups[key]!.grades.append((grade, row)) } else { groups[key]!.any = row }
        }
        for key in order {
            guard let anyRow = groups[key]!.any, !groups[key]!.grades.isEmpty else { continue }
            let grades = groups[key]!.grades
            let shown = Set(grades.map(\.0))
            let complete = Set(1...4).isSubset(of: shown)
            for anyCell in anyRow.cells {
                guard case let .count(anyCount, _) = anyCell.parsed else { continue }
                var sum = 0
                var terms: [String] = []
                var related: [CellReference] = []
                var usable = true
                for (grade, row) in grades.sorted(by: { $0.0 < $1.0 }) {
                    guard let cell = row.cells.first(where: { $0.cell.column == anyCell.cell.column }),
                          case let .count(x, _) = cell.parsed else { usable = false; break }
                    sum += x
                    terms.append("grade \(grade) \(x)")
                    related.append(cell.reference)
                }
                guard usable else { continue }
                if sum > anyCount || (complete && sum != anyCount) {
                    findings.append(Finding(severity: .error, check: "grade-sum", cell: anyCell.reference, text: anyCell.cell.text,
                                            message: "\(anyRow.row) in \(anyCell.cell.column) is \(anyCount), but the grades add up to \(terms.joined(separator: " + ")) = \(sum); each patient counts once, at the highest grade.",
                                            related: related))
                }
            }
        }
        return findings
    }
}
