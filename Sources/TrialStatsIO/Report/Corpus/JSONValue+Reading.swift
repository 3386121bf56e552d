import Foundation

extension JSONValue {
    /// The value of an object's field.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    /// A JSON text read back (a line of the results file); nil when it is not JSON.
    public static func parse(_ data: Data) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return convert(object)
    }

    private static func convert(_ any: Any) -> JSONValue {
        switch any {
        case let s as String: return .string(s)
        case let n as NSNumber:
            if let i = Int(exactly: n.doubleValue), !String(describing: n).contains(".") { return .int(i) }
            return .number(n.doubleValue)
        case let a as [Any]: return .array(a.map(convert))
        case let d as [String: Any]: return .object(d.sorted { $0.key < $1.key }.map { ($0.key, convert($0.value)) })
        default: return .null
        }
    }
}
