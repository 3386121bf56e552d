import Foundation

/// Reads a patient-level binary response: 1/0, yes/no, true/false, responder/non-responder (any
/// case, surrounding spaces ignored); nil for anything else.
public func responseCode(_ text: String) -> Bool? {
    switch trimmingWhitespace(text).lowercased() {
    case "1", "yes", "true", "responder": return true
    case "0", "no", "false", "non-responder", "nonresponder": return false
    default: return nil
    }
}

/// Reads an event indicator: 1/0, true/false, event/censored (any case); nil for anything else.
public func eventCode(_ text: String) -> Bool? {
    switch trimmingWhitespace(text).lowercased() {
    case "1", "true", "event": return true
    case "0", "false", "censored": return false
    default: return nil
    }
}
