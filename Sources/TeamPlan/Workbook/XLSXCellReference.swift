/// A cell's place in a sheet: 1-based row and column, written `C7`.
public struct XLSXCellReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// The most rows and columns a sheet has (Excel's 1,048,576 × 16,384: XFD1048576).
    public static let maxRow = 1_048_576
    public static let maxColumn = 16_384

    /// `A1`, `C7`, `XFD1048576`: letters for the column, then the row.
    public var description: String { Self.columnName(column) + String(row) }

    /// `A` for 1, `Z` for 26, `AA` for 27.
    public static func columnName(_ column: Int) -> String {
        var n = max(column, 1)
        var letters: [Character] = []
        while n > 0 {
            let digit = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// `C7` read, or nil when it is not a cell reference within the sheet's
    /// bounds (letters then digits, no `$`, no sign, no leading zero).
    public init?(_ text: String) {
        var column = 0, row = 0
        var letters = 0, digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((byte | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7, !(digits == 0 && byte == UInt8(ascii: "0")) else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard letters > 0, digits > 0, column <= Self.maxColumn, row <= Self.maxRow else { return nil }
        self.init(row: row, column: column)
    }

    /// Only the column letters of a reference (`C` of `C7`), as a column number.
    public static func column(ofLetters text: String) -> Int? {
        XLSXCellReference(text + "1")?.column
    }

    public static func < (a: XLSXCellReference, b: XLSXCellReference) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }
}
