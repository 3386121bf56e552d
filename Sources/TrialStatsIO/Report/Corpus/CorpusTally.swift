/// Totals over the result lines, for the summary.
struct CorpusTally {
    var documents = 0, failed = 0, tables = 0, cells = 0, parsed = 0
    var byCheck: [String: Int] = [:]
    var bySeverity: [String: Int] = [:]

    mutating func add(_ line: JSONValue) {
        documents += 1
        if line["error"] != nil { failed += 1; return }
        if case let .array(t)? = line["tables"] { tables += t.count }
        if case let .int(c)? = line["cells"] { cells += c }
        if case let .int(p)? = line["parsed"] { parsed += p }
        if case let .array(findings)? = line["findings"] {
            for f in findings {
                if case let .string(check)? = f["check"] { byCheck[check, default: 0] += 1 }
                if case let .string(severity)? = f["severity"] { bySeverity[severity, default: 0] += 1 }
            }
        }
    }

    func summary(documents listed: Int, skipped: Int, output: String) -> String {
        var out = "Corpus: \(listed) documents (\(documents - failed) verified, \(failed) could not be read; \(skipped) were already in \(output)).\n"
        out += "Tables: \(tables). Cells: \(cells), \(parsed) parsed.\n"
        let severities = ["error", "warning", "note"].map { "\(bySeverity[$0] ?? 0) \($0)\(bySeverity[$0] == 1 ? "" : "s")" }
        out += "Findings: " + severities.joined(separator: ", ") + ".\n"
        if !byCheck.isEmpty {
            out += "Findings by check:\n"
            for (check, count) in byCheck.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }) {
                out += "  \(check): \(count)\n"
            }
        }
        return out
    }
}
