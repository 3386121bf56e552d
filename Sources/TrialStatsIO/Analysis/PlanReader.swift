import Foundation
import TrialStats
import Yams

extension AnalysisPlan {
    /// The keys a plan may hold at its top level, in the order the README documents them.
    static let topLevelKeys = ["title", "note", "basket", "baskets", "conf_level", "quantile_type", "interval_method",
                               "adjust", "missing_values", "baseline", "compare", "paired", "before_label", "after_label", "responses", "survival"]

    /// The deepest nesting a plan may have, in levels of block indentation, compact sequence
    /// entries ("- - x") and flow brackets ("[[x]]", "{a: {b: x}}") together: 100. The YAML
    /// parser recurses once per level and would exhaust the stack a few thousand levels down, so
    /// the text is measured before it is parsed.
    public static let maximumNesting = 100

    /// The first line at which the text is nested deeper than ``maximumNesting``, or nil.
    ///
    /// The measure is an upper bound of YAML's own nesting, computed line by line without
    /// parsing: the number of enclosing indentation levels, plus the "- " and "? " entries that
    /// open the line, plus the flow brackets open outside comments (brackets inside quoted
    /// text count too: over-counting only refuses a plan no one writes).
    static func tooDeep(_ text: String) -> Int? {
        var indents: [Int] = []
        var flow = 0
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let scalars = Array(line.unicodeScalars)
            var i = 0
            while i < scalars.count, scalars[i] == " " { i += 1 }
            guard i < scalars.count, scalars[i] != "#", scalars[i] != "\r" else { continue }
            if flow == 0 {
                while let last = indents.last, last >= i { indents.removeLast() }
                indents.append(i)
            }
            var compact = 0
            while i + 1 < scalars.count, scalars[i] == "-" || scalars[i] == "?", scalars[i + 1] == " " {
                compact += 1
                i += 2
                while i < scalars.count, scalars[i] == " " { i += 1 }
            }
            var previous: Unicode.Scalar = " "
            var deepest = flow
            for scalar in scalars[i...] {
                if scalar == "#", previous == " " || previous == "\t" { break }
                switch scalar {
                case "[", "{": flow += 1; deepest = max(deepest, flow)
                case "]", "}": flow = max(0, flow - 1)
                default: break
                }
                previous = scalar
            }
            if indents.count + compact + deepest > maximumNesting { return lineNumber }
        }
        return nil
    }

    /// Reads a plan file (YAML, or JSON, which YAML reads too).
    public static func read(path: String) throws(PlanError) -> AnalysisPlan {
        let text: String
        do {
            text = try decodeUTF8(try readInputFile(path, source: path), source: path)
        } catch {
            switch error {
            case .notFound: throw PlanError(file: path, line: nil, message: "no such file", unreadable: true)
            case let .unreadable(_, reason): throw PlanError(file: path, line: nil, message: "cannot be read (\(reason))", unreadable: true)
            case let .notUTF8(_, row, byteOffset):
                throw PlanError(file: path, line: row, message: "is not UTF-8 text (byte offset \(byteOffset) is not part of a UTF-8 character)")
            default: throw PlanError(file: path, line: nil, message: error.description)
            }
        }
        return try parse(text, source: path)
    }

    /// Parses a plan's text. Unknown keys, wrong types and impossible settings are errors naming
    /// the line; columns are checked later, against the cohort.
    public static func parse(_ text: String, source: String) throws(PlanError) -> AnalysisPlan {
        if let deep = tooDeep(text) {
            throw PlanError(file: source, line: deep, message: "is nested more than \(maximumNesting) levels deep; a plan needs at most 5")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, source: source)
        } catch {
            throw PlanError(file: source, line: nil, message: "cannot be parsed as YAML or JSON (\(error))")
        }
        guard let root else { throw PlanError(file: source, line: 1, message: "is empty; expected at least \"basket:\"") }
        let reader = PlanNodeReader(source: source)
        let top = try reader.map(root, what: "the plan")
        try top.onlyKeys(topLevelKeys)

        let confLevel = try top.value("conf_level").map { node throws(PlanError) -> Double in
            let level = try reader.number(node, key: "conf_level")
            guard level > 0, level < 1 else { throw reader.error(node, "conf_level must be strictly between 0 and 1; got \(formatRoundTrip(level))") }
            return level
        } ?? 0.95
        let quantileType = try top.value("quantile_type").map { node throws(PlanError) -> QuantileType in
            let k = try reader.integer(node, key: "quantile_type")
            guard let type = QuantileType(rawValue: k) else { throw reader.error(node, "quantile_type must be 1 to 9 (Hyndman–Fan); got \(k)") }
            return type
        } ?? .type7
        let intervalMethod = try top.value("interval_method").map { node throws(PlanError) in
            try reader.choice(node, key: "interval_method", BinomialIntervalMethod.self)
        } ?? .clopperPearson
        let adjust = try top.value("adjust").map { node throws(PlanError) in
            try reader.choice(node, key: "adjust", PValueAdjustment.self)
        } ?? PValueAdjustment.none
        let missingValues = try top.value("missing_values").map { node throws(PlanError) in
            Set(try reader.strings(node, key: "missing_values").map(\.value))
        } ?? DataTable.defaultMissingValues

        guard let basketNode = top.value("basket") else {
            throw PlanError(file: source, line: top.line, message: "no \"basket:\" key; name the column that holds each patient's basket")
        }
        let basket = try reader.located(basketNode, key: "basket")
        let baskets = try top.value("baskets").map { node throws(PlanError) -> [Located<String>] in
            let list = try reader.strings(node, key: "baskets")
            guard !list.isEmpty else { throw reader.error(node, "baskets is empty; list the baskets or leave the key out") }
            var seen = Set<String>()
            for item in list where !seen.insert(item.value).inserted {
                throw PlanError(file: source, line: item.line, message: "basket \"\(item.value)\" is listed twice")
            }
            return list
        }

        let baseline = try top.value("baseline").map { node throws(PlanError) in
            try reader.items(node, key: "baseline") { item throws(PlanError) in try reader.baselineVariable(item) }
        } ?? []
        var compareLine: Int?
        if let node = top.value("compare") {
            guard !baseline.isEmpty else { throw reader.error(node, "compare asks for p-values across the baskets of the baseline table; the plan has no baseline") }
            if try reader.bool(node, key: "compare") { compareLine = reader.line(node) }
        }
        let paired = try top.value("paired").map { node throws(PlanError) in
            try reader.items(node, key: "paired") { item throws(PlanError) in try reader.pairedOutcome(item) }
        } ?? []
        let responses = try top.value("responses").map { node throws(PlanError) in
            try reader.items(node, key: "responses") { item throws(PlanError) in try reader.responseEndpoint(item, defaultMethod: intervalMethod) }
        } ?? []
        let survival = try top.value("survival").map { node throws(PlanError) in try reader.survivalPlan(node) }
        if baseline.isEmpty && paired.isEmpty && responses.isEmpty && survival == nil {
            throw PlanError(file: source, line: top.line, message: "asks for nothing; give at least one of baseline, paired, responses, survival")
        }
        let title = try top.value("title").map { node throws(PlanError) in try reader.string(node, key: "title") } ?? "Cohort analysis"
        let note = try top.value("note").map { node throws(PlanError) in try reader.string(node, key: "note") }
        let beforeLabel = try top.value("before_label").map { node throws(PlanError) in try reader.string(node, key: "before_label") } ?? "Before"
        let afterLabel = try top.value("after_label").map { node throws(PlanError) in try reader.string(node, key: "after_label") } ?? "After"
        return AnalysisPlan(source: source, text: text, title: title, note: note, basket: basket, baskets: baskets,
                            confLevel: confLevel, quantileType: quantileType, intervalMethod: intervalMethod, adjust: adjust,
                            missingValues: missingValues, baseline: baseline, compareLine: compareLine, paired: paired,
                            beforeLabel: beforeLabel, afterLabel: afterLabel, responses: responses, survival: survival)
    }

    /// A YAML syntax error as one line naming the plan line.
    static func syntaxError(_ error: YamlError, source: String) -> PlanError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let where_ = context.map { " (\($0.text))" } ?? ""
            return PlanError(file: source, line: mark.line, message: "not valid YAML or JSON: \(problem)\(where_)")
        case let .reader(problem, _, _, _):
            return PlanError(file: source, line: nil, message: "not valid YAML or JSON: \(problem)")
        default:
            return PlanError(file: source, line: nil, message: "not valid YAML or JSON: \(error)")
        }
    }
}

/// A mapping from the plan with its keys in order; keys are looked up by name, and a key the
/// schema does not know is an error naming its line.
struct PlanMap {
    var source: String
    var line: Int
    var entries: [(key: String, keyLine: Int, value: Node)]

    func value(_ key: String) -> Node? {
        entries.first { $0.key == key }?.value
    }

    /// Refuses keys outside `allowed`, naming the first unknown one and the allowed keys.
    func onlyKeys(_ allowed: [String]) throws(PlanError) {
        for entry in entries where !allowed.contains(entry.key) {
            throw PlanError(file: source, line: entry.keyLine,
                            message: "unknown key \"\(entry.key)\"; expected one of \(allowed.joined(separator: ", "))")
        }
    }

    /// The required key's value, or an error naming the item's line.
    func required(_ key: String, what: String) throws(PlanError) -> Node {
        guard let node = value(key) else {
            throw PlanError(file: source, line: line, message: "\(what) needs \"\(key):\"")
        }
        return node
    }
}

/// Typed access to plan nodes, with errors that name the line.
struct PlanNodeReader {
    var source: String

    func line(_ node: Node) -> Int { node.mark?.line ?? 1 }

    func error(_ node: Node, _ message: String) -> PlanError {
        PlanError(file: source, line: line(node), message: message)
    }

    func map(_ node: Node, what: String) throws(PlanError) -> PlanMap {
        guard let mapping = node.mapping else {
            throw error(node, "\(what) must be a mapping of keys to values")
        }
        var entries: [(key: String, keyLine: Int, value: Node)] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw error(key, "a key must be a plain name") }
            if entries.contains(where: { $0.key == name }) { throw error(key, "key \"\(name)\" is given twice") }
            entries.append((name, line(key), value))
        }
        return PlanMap(source: source, line: line(node), entries: entries)
    }

    func string(_ node: Node, key: String) throws(PlanError) -> String {
        guard let scalar = node.scalar else { throw error(node, "\(key) must be a single value, not a list or mapping") }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw error(node, "\(key) is empty") }
        return text
    }

    func located(_ node: Node, key: String) throws(PlanError) -> Located<String> {
        Located(try string(node, key: key), line: line(node))
    }

    func number(_ node: Node, key: String) throws(PlanError) -> Double {
        let text = try string(node, key: key)
        guard let value = parseDecimal(text) else { throw error(node, "\(key) must be a number; got \"\(text)\"") }
        return value
    }

    func integer(_ node: Node, key: String) throws(PlanError) -> Int {
        let text = try string(node, key: key)
        guard let value = Int(text) else { throw error(node, "\(key) must be a whole number; got \"\(text)\"") }
        return value
    }

    func bool(_ node: Node, key: String) throws(PlanError) -> Bool {
        let text = try string(node, key: key)
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(node, "\(key) must be true or false; got \"\(text)\"")
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, key: String, _ type: T.Type) throws(PlanError) -> T where T.RawValue == String {
        let text = try string(node, key: key)
        guard let value = T(rawValue: text) else {
            throw error(node, "\(key) \"\(text)\" is not allowed; choose from \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// A list of single values (a single value is a list of one).
    func strings(_ node: Node, key: String) throws(PlanError) -> [Located<String>] {
        if node.scalar != nil { return [try located(node, key: key)] }
        guard let sequence = node.sequence else { throw error(node, "\(key) must be a list of values") }
        var out: [Located<String>] = []
        for item in sequence { out.append(try located(item, key: key)) }
        return out
    }

    func numbers(_ node: Node, key: String) throws(PlanError) -> [Double] {
        if node.scalar != nil { return [try number(node, key: key)] }
        guard let sequence = node.sequence else { throw error(node, "\(key) must be a number or a list of numbers") }
        var out: [Double] = []
        for item in sequence { out.append(try number(item, key: key)) }
        return out
    }

    func decimals(_ node: Node) throws(PlanError) -> Int {
        let k = try integer(node, key: "decimals")
        guard (0...6).contains(k) else { throw error(node, "decimals must be 0 to 6; got \(k)") }
        return k
    }

    /// A list of items, each read by `body`.
    func items<T>(_ node: Node, key: String, _ body: (Node) throws(PlanError) -> T) throws(PlanError) -> [T] {
        guard let sequence = node.sequence else { throw error(node, "\(key) must be a list of items (lines starting with \"- \")") }
        var out: [T] = []
        for item in sequence { out.append(try body(item)) }
        return out
    }

    func baselineVariable(_ node: Node) throws(PlanError) -> BaselineVariable {
        if node.scalar != nil {
            let column = try located(node, key: "baseline")
            return BaselineVariable(column: column, label: column.value, kind: .continuous(decimals: nil), line: column.line)
        }
        let item = try map(node, what: "a baseline item")
        try item.onlyKeys(["column", "label", "type", "decimals", "levels", "show", "test"])
        let column = try located(try item.required("column", what: "a baseline item"), key: "column")
        let label = try item.value("label").map { n throws(PlanError) in try string(n, key: "label") } ?? column.value
        let type = try item.value("type").map { n throws(PlanError) -> String in
            let t = try string(n, key: "type")
            guard ["continuous", "categorical", "binary"].contains(t) else {
                throw error(n, "type \"\(t)\" is not allowed; choose from continuous, categorical, binary")
            }
            return t
        } ?? "continuous"
        let kind: BaselineVariable.Kind
        switch type {
        case "continuous":
            for key in ["levels", "show"] where item.value(key) != nil {
                throw error(item.value(key)!, "\(key) goes with type categorical, not \(type)")
            }
            kind = .continuous(decimals: try item.value("decimals").map { n throws(PlanError) in try decimals(n) })
        case "categorical":
            if let n = item.value("decimals") { throw error(n, "decimals goes with type continuous; counts print as n (%)") }
            let levels = try item.value("levels").map { n throws(PlanError) in try strings(n, key: "levels").map(\.value) }
            let show = try item.value("show").map { n throws(PlanError) -> [String] in
                let list = try strings(n, key: "show")
                if let levels, let stray = list.first(where: { !levels.contains($0.value) }) {
                    throw PlanError(file: source, line: stray.line,
                                    message: "show lists \"\(stray.value)\", which is not among the levels \(levels.joined(separator: ", "))")
                }
                return list.map(\.value)
            }
            kind = .categorical(levels: levels, show: show)
        default:
            for key in ["levels", "show", "decimals"] where item.value(key) != nil {
                throw error(item.value(key)!, "\(key) goes with another type, not binary (1/0, yes/no, true/false)")
            }
            kind = .binary
        }
        let test = try item.value("test").map { n throws(PlanError) in try comparisonTest(n, kind: kind) }
        return BaselineVariable(column: column, label: label, kind: kind, line: item.line, test: test)
    }

    /// A baseline item's `test:`: any test `trialstats compare --test` takes for a column (not
    /// mcnemar, which compares paired counts), of numbers for a continuous variable and of counts
    /// for a categorical or binary one.
    func comparisonTest(_ node: Node, kind: BaselineVariable.Kind) throws(PlanError) -> Located<ComparisonTest> {
        let test = try choice(node, key: "test", ComparisonTest.self)
        let numeric = ComparisonTest.allCases.filter(\.isNumeric).map(\.rawValue).joined(separator: ", ")
        let counts = ComparisonTest.allCases.filter { !$0.isNumeric && $0 != .auto && $0 != .mcnemar }.map(\.rawValue).joined(separator: ", ")
        if test == .mcnemar {
            throw error(node, "test mcnemar compares paired counts, not baskets; choose from auto, \(numeric), \(counts)")
        }
        switch kind {
        case .continuous where test != .auto && !test.isNumeric:
            throw error(node, "test \(test.rawValue) compares counts; a continuous variable takes auto, \(numeric)")
        case .categorical where test.isNumeric, .binary where test.isNumeric:
            throw error(node, "test \(test.rawValue) compares numbers; a categorical or binary variable takes auto, \(counts)")
        default:
            return Located(test, line: line(node))
        }
    }

    func pairedOutcome(_ node: Node) throws(PlanError) -> PairedOutcome {
        let item = try map(node, what: "a paired item")
        try item.onlyKeys(["label", "before", "after", "better", "mcid", "decimals", "method", "zero_method", "correct",
                           "profile", "alternative"])
        let before = try located(try item.required("before", what: "a paired item"), key: "before")
        let after = try located(try item.required("after", what: "a paired item"), key: "after")
        let label = try item.value("label").map { n throws(PlanError) in try string(n, key: "label") } ?? after.value
        let better = try item.value("better").map { n throws(PlanError) in try choice(n, key: "better", Improvement.self) } ?? .lower
        var mcid: [Double] = []
        if let n = item.value("mcid") {
            mcid = try numbers(n, key: "mcid")
            for value in mcid {
                // An improvement is a fall when lower is better: the threshold must point the same way.
                let sameWay = better == .lower ? value < 0 : value > 0
                guard sameWay else {
                    throw error(n, "mcid \(formatRoundTrip(value)) points the wrong way: with better: \(better.rawValue) an improvement is a change \(better == .lower ? "below 0 (for example -10)" : "above 0 (for example 3)")")
                }
            }
        }
        var options = SignedRankTestOptions()
        if let n = item.value("method") { options.method = try choice(n, key: "method", SignedRankMethod.self) }
        if let n = item.value("zero_method") { options.zeroMethod = try choice(n, key: "zero_method", ZeroMethod.self) }
        if let n = item.value("correct") { options.correct = try bool(n, key: "correct") }
        if let n = item.value("profile") { options.profile = try choice(n, key: "profile", SignedRankProfile.self) }
        if let n = item.value("alternative") { options.alternative = try choice(n, key: "alternative", Alternative.self) }
        return PairedOutcome(label: label, before: before, after: after, better: better, mcid: mcid,
                             decimals: try item.value("decimals").map { n throws(PlanError) in try decimals(n) },
                             options: options, line: item.line)
    }

    func responseEndpoint(_ node: Node, defaultMethod: BinomialIntervalMethod) throws(PlanError) -> ResponseEndpoint {
        if node.scalar != nil {
            let column = try located(node, key: "responses")
            return ResponseEndpoint(column: column, label: column.value, method: defaultMethod, line: column.line)
        }
        let item = try map(node, what: "a responses item")
        try item.onlyKeys(["column", "label", "method"])
        let column = try located(try item.required("column", what: "a responses item"), key: "column")
        return ResponseEndpoint(
            column: column,
            label: try item.value("label").map { n throws(PlanError) in try string(n, key: "label") } ?? column.value,
            method: try item.value("method").map { n throws(PlanError) in try choice(n, key: "method", BinomialIntervalMethod.self) } ?? defaultMethod,
            line: item.line)
    }

    func survivalPlan(_ node: Node) throws(PlanError) -> SurvivalPlan {
        let item = try map(node, what: "survival")
        try item.onlyKeys(["label", "time", "start", "end", "event", "unit", "landmarks", "tau", "conf_type", "rho", "bands",
                                "title", "median_lines", "time_max", "time_by"])
        let times: SurvivalPlan.Times
        var endFallbacks: [Located<String>] = []
        switch (item.value("time"), item.value("start"), item.value("end")) {
        case let (time?, nil, nil):
            times = .time(try located(time, key: "time"))
        case let (nil, start?, end?):
            let ends = end.sequence != nil ? try strings(end, key: "end") : [try located(end, key: "end")]
            guard let first = ends.first else { throw error(end, "end lists no column") }
            times = .dates(start: try located(start, key: "start"), end: first)
            endFallbacks = Array(ends.dropFirst())
        case (_?, _, _):
            throw PlanError(file: source, line: item.line, message: "survival takes time: or start: and end:, not both")
        default:
            throw PlanError(file: source, line: item.line, message: "survival needs time: (a column of times) or start: and end: (columns of dates)")
        }
        let event = try located(try item.required("event", what: "survival"), key: "event")
        let unit = try item.value("unit").map { n throws(PlanError) in try choice(n, key: "unit", TimeUnit.self) } ?? .days
        let landmarks = try item.value("landmarks").map { n throws(PlanError) -> [Double] in
            let values = try numbers(n, key: "landmarks")
            if let bad = values.first(where: { $0 < 0 }) { throw error(n, "landmarks must not be negative; got \(formatRoundTrip(bad))") }
            return values.sorted()
        } ?? []
        let tau = try item.value("tau").map { n throws(PlanError) -> Double in
            let value = try number(n, key: "tau")
            guard value > 0 else { throw error(n, "tau must be a positive time; got \(formatRoundTrip(value))") }
            return value
        }
        let rho = try item.value("rho").map { n throws(PlanError) -> Double in
            let value = try number(n, key: "rho")
            guard value >= 0 else { throw error(n, "rho must not be negative; got \(formatRoundTrip(value))") }
            return value
        } ?? 0
        var plan = SurvivalPlan(
            label: try item.value("label").map { n throws(PlanError) in try string(n, key: "label") } ?? "Survival",
            times: times, event: event, unit: unit, landmarks: landmarks, tau: tau,
            confType: try item.value("conf_type").map { n throws(PlanError) in try choice(n, key: "conf_type", ConfidenceTransform.self) } ?? .logLog,
            rho: rho,
            bands: try item.value("bands").map { n throws(PlanError) in try bool(n, key: "bands") } ?? false,
            line: item.line)
        plan.figure = try survivalFigure(item)
        plan.endFallbacks = endFallbacks
        if event.value == derivedEventWord {
            guard case .dates = times else { throw error(try item.required("event", what: "survival"), "event: \(derivedEventWord) needs start: and end: dates") }
            plan.eventFromFirstEnd = true
        }
        return plan
    }

    /// The figure keys of `survival:`: title, median_lines, time_max, time_by (positive times).
    func survivalFigure(_ item: PlanMap) throws(PlanError) -> SurvivalFigurePlan {
        var figure = SurvivalFigurePlan()
        figure.title = try item.value("title").map { n throws(PlanError) in try string(n, key: "title") }
        figure.medianLines = try item.value("median_lines").map { n throws(PlanError) in try bool(n, key: "median_lines") } ?? false
        for key in ["time_max", "time_by"] {
            guard let n = item.value(key) else { continue }
            let value = try number(n, key: key)
            guard value > 0 else { throw error(n, "\(key) must be a positive time; got \(formatRoundTrip(value))") }
            if key == "time_max" { figure.timeMax = value } else { figure.timeStep = value }
        }
        if let max = figure.timeMax, let step = figure.timeStep, max / step > 40 {
            throw PlanError(file: source, line: item.line, message: "time_by \(formatRoundTrip(step)) gives more than 40 breaks up to time_max \(formatRoundTrip(max))")
        }
        return figure
    }
}
