/// Parses an ISO 8601 calendar date `YYYY-MM-DD` and returns its day number (days since
/// 1970-01-01 in the proleptic Gregorian calendar), or nil if the text is not a valid date.
/// Time zones do not enter: the difference of two day numbers is the number of calendar days.
public func isoDayNumber(_ text: String) -> Int? {
    let parts = trimmingWhitespace(text).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
          let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
          parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
          (1...12).contains(m), d >= 1, d <= daysInMonth(y, m) else { return nil }
    // Days from civil (H. Hinnant's algorithm).
    let yy = m <= 2 ? y - 1 : y
    let era = (yy >= 0 ? yy : yy - 399) / 400
    let yoe = yy - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

func daysInMonth(_ y: Int, _ m: Int) -> Int {
    switch m {
    case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

import Foundation
