// Calendar dates without time zones, in the proleptic Gregorian calendar.
//
// All arithmetic is done on integer day numbers (days since 1970-01-01), with
// Howard Hinnant's civil-from-days algorithms: no Foundation, no time zones,
// no daylight saving, fast and deterministic on every platform.

/// A day of the week. Raw values count from Monday (ISO 8601 order), so
/// `Weekday.allCases` runs mon…sun and `<` is "earlier in the ISO week".
///
/// Codable as its lowercase short name (`"mon"`), the spelling used in
/// scenario files.
public enum Weekday: Int, CaseIterable, Sendable, Comparable, Codable {
    case mon = 0, tue, wed, thu, fri, sat, sun

    /// Lowercase three-letter name, as written in scenario files: `"mon"`.
    public var name: String {
        switch self {
        case .mon: "mon"
        case .tue: "tue"
        case .wed: "wed"
        case .thu: "thu"
        case .fri: "fri"
        case .sat: "sat"
        case .sun: "sun"
        }
    }

    /// Parses a lowercase three-letter name (`"mon"` … `"sun"`); nil for
    /// anything else, including `"Mon"` and `"monday"`.
    public init?(name: String) {
        guard let day = Weekday.allCases.first(where: { $0.name == name }) else { return nil }
        self = day
    }

    /// `"Monday"` … `"Sunday"`.
    public var englishName: String {
        switch self {
        case .mon: "Monday"
        case .tue: "Tuesday"
        case .wed: "Wednesday"
        case .thu: "Thursday"
        case .fri: "Friday"
        case .sat: "Saturday"
        case .sun: "Sunday"
        }
    }

    /// `"maandag"` … `"zondag"` (lowercase, as Dutch writes weekdays).
    public var dutchName: String {
        switch self {
        case .mon: "maandag"
        case .tue: "dinsdag"
        case .wed: "woensdag"
        case .thu: "donderdag"
        case .fri: "vrijdag"
        case .sat: "zaterdag"
        case .sun: "zondag"
        }
    }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Weekday(name: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a weekday (mon…sun): \(text)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}

/// A calendar date without time zone (proleptic Gregorian, years 1…9999).
///
/// Codable as its ISO string (`"2027-01-04"`). Strideable by days, so
/// `for day in start...end` walks every date of an inclusive range.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable, Strideable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The smallest and largest representable dates.
    public static let earliest = LocalDate(checkedYear: 1, month: 1, day: 1)
    public static let latest = LocalDate(checkedYear: 9999, month: 12, day: 31)

    /// Nil for dates that do not exist (2027-02-30, 2027-13-01, 2027-00-10)
    /// and for years outside 1…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysInMonth(year: year, month: month)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    private init(checkedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strict ISO 8601 calendar date: exactly `YYYY-MM-DD` (4, 2 and 2 ASCII
    /// digits, hyphens, nothing before or after). Nil otherwise, and for
    /// dates that do not exist.
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// A date as Dutch writes it and a Dutch spreadsheet saves it: day,
    /// month and year with dashes, `11-3-2027` or `11-03-2027`, or with a
    /// two-digit year `11-03-27` (LibreOffice's Dutch short date: 2000–2099).
    /// Nil for anything else, and for a date that does not exist.
    public init?(dutch text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), [2, 4].contains(parts[2].count),
              let d = Int(parts[0]), let m = Int(parts[1]), var y = Int(parts[2]) else { return nil }
        if parts[2].count == 2 { y += 2000 }
        self.init(year: y, month: m, day: d)
    }

    /// Why a date with slashes is not read: `3/11/2027` is 3 November to a
    /// Dutch or British reader and March 11 to an American one. Nil when
    /// `text` is no such date.
    public static func slashProblem(_ text: String) -> String? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let a = Int(parts[0]), let b = Int(parts[1]), var y = Int(parts[2]) else { return nil }
        if parts[2].count == 2 { y += 2000 }
        let dayFirst = LocalDate(year: y, month: b, day: a), monthFirst = LocalDate(year: y, month: a, day: b)
        let readings = [dayFirst.map { "\($0) with the day first" }, monthFirst.map { "\($0) with the month first (American)" }].compactMap { $0 }
        guard !readings.isEmpty else { return "'\(text)' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-04 (or as Dutch writes it, 4-1-2027)" }
        return "'\(text)' is \(readings.joined(separator: " or ")); write it as YYYY-MM-DD (or with dashes, day first: \(dayFirst.map { "\($0.day)-\($0.month)-\($0.year)" } ?? "4-1-2027"))"
    }

    /// The date `dayNumber` days after 1970-01-01 (negative: before it).
    /// Precondition: the result lies in years 1…9999
    /// (`LocalDate.earliest.dayNumber…LocalDate.latest.dayNumber`).
    public init(dayNumber: Int) {
        precondition(LocalDate.dayNumberRange.contains(dayNumber),
                     "day number \(dayNumber) is outside years 1...9999")
        // Hinnant, civil_from_days; eras are 400-year cycles starting 0000-03-01.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097                                         // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365    // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)                   // [0, 365]
        let mp = (5 * doy + 2) / 153                                        // [0, 11], March = 0
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(checkedYear: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// Days since 1970-01-01 (proleptic Gregorian); 1970-01-01 is 0.
    public var dayNumber: Int {
        // Hinnant, days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400                                             // [0, 399]
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy                     // [0, 146096]
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` later (earlier when negative).
    /// Precondition: the result lies in years 1…9999.
    public func adding(days: Int) -> LocalDate {
        days == 0 ? self : LocalDate(dayNumber: dayNumber + days)
    }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int { other.dayNumber - dayNumber }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (raw value 3).
        let r = (dayNumber + 3) % 7
        return Weekday(rawValue: r < 0 ? r + 7 : r)!
    }

    /// 1 for 1 January … 365 or 366 for 31 December.
    public var dayOfYear: Int {
        dayNumber - LocalDate(checkedYear: year, month: 1, day: 1).dayNumber + 1
    }

    /// ISO 8601 week-numbering year and week (1…53). Weeks run Monday to
    /// Sunday; week 1 is the week holding the year's first Thursday, so
    /// 2027-01-01 is in 2026-W53 and 2024-12-30 is in 2025-W01.
    public var isoWeek: (year: Int, week: Int) {
        // The Thursday of this date's week decides the year; its ordinal
        // day decides the week.
        let thursdayNumber = dayNumber - weekday.rawValue + 3
        let thursday = LocalDate(dayNumber: thursdayNumber)
        return (thursday.year, (thursday.dayOfYear - 1) / 7 + 1)
    }

    /// `"2027-01-04"`.
    public var description: String {
        LocalDate.padded(year, 4) + "-" + LocalDate.padded(month, 2) + "-" + LocalDate.padded(day, 2)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // MARK: Strideable

    public func distance(to other: LocalDate) -> Int { other.dayNumber - dayNumber }
    public func advanced(by n: Int) -> LocalDate { adding(days: n) }

    // MARK: Codable

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a valid date YYYY-MM-DD: \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: Calendar rules

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// 28…31; 0 for a month outside 1…12.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: 31
        case 4, 6, 9, 11: 30
        case 2: isLeapYear(year) ? 29 : 28
        default: 0
        }
    }

    /// Day numbers of 0001-01-01 … 9999-12-31.
    static let dayNumberRange = -719_162...2_932_896

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
