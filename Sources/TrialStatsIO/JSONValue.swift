/// A JSON document with object keys kept in the order they were given, so that output follows
/// the documented field order.
///
/// Numbers are written in the shortest form that reads back to the same `Double` (Swift's
/// `description`), integers without a decimal point; a non-finite number is written as `null`,
/// so the output is always valid JSON and never contains `NaN` or `inf`.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        a.serialized() == b.serialized()
    }

    /// A number, or `null` when absent.
    public static func number(_ value: Double?) -> JSONValue {
        value.map { JSONValue.number($0) } ?? .null
    }

    /// The document as text: two-space indentation, objects and arrays of scalars on one line.
    public func serialized(indent: Int = 0) -> String {
        var out = ""
        write(to: &out, indent: indent)
        return out
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .number(d): out += formatJSONNumber(d)
        case let .string(s): out += escapeJSONString(s)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy(\.isScalar) {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(to: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                item.write(to: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case let .object(fields):
            if fields.isEmpty { out += "{}"; return }
            if fields.allSatisfy({ $0.1.isScalar }) && fields.count <= 6 {
                out += "{"
                for (i, (key, value)) in fields.enumerated() {
                    if i > 0 { out += ", " }
                    out += escapeJSONString(key) + ": "
                    value.write(to: &out, indent: indent)
                }
                out += "}"
                return
            }
            out += "{\n"
            for (i, (key, value)) in fields.enumerated() {
                out += String(repeating: "  ", count: indent + 1) + escapeJSONString(key) + ": "
                value.write(to: &out, indent: indent + 1)
                out += i == fields.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }
}

// Numbers: `formatJSONNumber` in Report/NumberFormat.swift, the one formatting policy.

/// A JSON string literal.
func escapeJSONString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case let c where c.value < 0x20:
            out += "\\u" + String(repeating: "0", count: 4 - String(c.value, radix: 16).count) + String(c.value, radix: 16)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
