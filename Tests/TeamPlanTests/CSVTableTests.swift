import Testing
@testable import TeamPlan

// MARK: - Helpers

private func read(_ text: String, file: String = "workers.csv") -> (table: CSVTable?, diagnostics: [Diagnostic]) {
    CSVReader.read(Array(text.utf8), file: file)
}

private func values(_ table: CSVTable?) -> [[String]] {
    table?.rows.map { $0.cells.map(\.value) } ?? []
}

/// `line:column: message` of each diagnostic, the file left out.
private func problems(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { d in
        let line = d.location?.line.map(String.init) ?? "-"
        let column = d.location?.column.map(String.init) ?? "-"
        return "\(line):\(column): \(d.message)"
    }
}

private func cell(_ value: String, _ line: Int, _ column: Int) -> CSVCell {
    CSVCell(value: value, line: line, column: column)
}

// MARK: - Separators

@Test func commaSeparatorIsFoundFromTheHeader() {
    let (table, diagnostics) = read("id,name,hours\nanja,Anja de Vries,24\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.separator == .comma)
    #expect(table?.separator.name == "comma")
    #expect(table?.header == [cell("id", 1, 1), cell("name", 1, 4), cell("hours", 1, 9)])
    #expect(table?.rows == [CSVRow(cells: [cell("anja", 2, 1), cell("Anja de Vries", 2, 6), cell("24", 2, 20)], line: 2)])
}

@Test func semicolonSeparatorIsFoundFromTheHeader() {
    let (table, diagnostics) = read("id;name;hours\nanja;Anja de Vries, MSc;24,5\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.separator == .semicolon)
    #expect(table?.separator.name == "semicolon")
    #expect(table?.columnNames == ["id", "name", "hours"])
    #expect(table?.rows.first?.cells == [cell("anja", 2, 1), cell("Anja de Vries, MSc", 2, 6), cell("24,5", 2, 25)])
}

@Test func tabSeparatorIsFoundFromTheHeader() {
    let (table, diagnostics) = read("id\tname\thours\nanja\tAnja, de Vries\t24;5\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.separator == .tab)
    #expect(table?.separator.name == "tab")
    #expect(table?.rows.first?.cells == [cell("anja", 2, 1), cell("Anja, de Vries", 2, 6), cell("24;5", 2, 21)])
}

@Test func mostFrequentSeparatorInTheHeaderWins() {
    #expect(read("a;b;c,d\n").table?.separator == .semicolon)
    #expect(read("a,b,c;d\n").table?.separator == .comma)
    #expect(read("a,b,c\td\n").table?.separator == .comma)
}

@Test func separatorTiesGoToTabThenSemicolonThenComma() {
    #expect(read("a;b,c\n").table?.separator == .semicolon)
    #expect(read("a;b,c\n").table?.columnNames == ["a", "b,c"])
    #expect(read("a,b\tc\n").table?.separator == .tab)
    #expect(read("a;b\tc,d\n").table?.separator == .tab)
}

@Test func separatorsInsideQuotedHeaderCellsAreNotCounted() {
    let (table, diagnostics) = read("\"a;b;c\",d\n1,2\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.separator == .comma)
    #expect(table?.columnNames == ["a;b;c", "d"])
}

@Test func headerWithoutAnySeparatorIsOneCommaSeparatedColumn() {
    let (table, diagnostics) = read("id\nanja\nbram\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.separator == .comma)
    #expect(values(table) == [["anja"], ["bram"]])
}

// MARK: - Encodings

@Test func byteOrderMarkIsStrippedAndNotCountedInColumns() {
    let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id;name\r\nanja;Anja\r\n".utf8)
    let (table, diagnostics) = CSVReader.read(bytes, file: "w.csv")
    #expect(diagnostics.isEmpty)
    #expect(table?.encoding == .utf8BOM)
    #expect(table?.header == [cell("id", 1, 1), cell("name", 1, 4)])
    #expect(table?.rows.first?.cells == [cell("anja", 2, 1), cell("Anja", 2, 6)])
}

@Test func plainUTF8IsReadWithoutNoticeAndColumnsCountUnicodeScalars() {
    let (table, diagnostics) = read("naam;plaats\nJosé Müller;Geleen\n€;Sittard\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.encoding == .utf8)
    #expect(table?.rows.map(\.cells) == [
        [cell("José Müller", 2, 1), cell("Geleen", 2, 13)],
        [cell("€", 3, 1), cell("Sittard", 3, 3)],
    ])
}

@Test func windows1252BytesAreDecodedWithANotice() {
    // "id;name\ncafé;€ 5\n" as Windows-1252: é is 0xE9, € is 0x80.
    let bytes: [UInt8] = Array("id;name\ncaf".utf8) + [0xE9, 0x3B, 0x80] + Array(" 5\n".utf8)
    let (table, diagnostics) = CSVReader.read(bytes, file: "w.csv")
    #expect(table?.encoding == .windows1252)
    #expect(table?.rows.first?.cells == [cell("café", 2, 1), cell("€ 5", 2, 6)])
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.severity == .notice)
    #expect(diagnostics.first?.location == SourceLocation(file: "w.csv"))
    #expect(diagnostics.first?.message
        == "read as Windows-1252 because the file is not valid UTF-8 (byte 0xE9 at line 2, column 4)")
    #expect(diagnostics.hasErrors == false)
}

@Test func windows1252TableCoversEveryHighByte() {
    // 0x80–0x9F have their own table; the five undefined bytes become C1 controls.
    let bytes: [UInt8] = Array("x\n".utf8) + [0x80, 0x81, 0x8A, 0x8D, 0x8F, 0x90, 0x93, 0x94, 0x96, 0x9D, 0x9F, 0xA0, 0xE9, 0xFF]
    let (table, _) = CSVReader.read(bytes, file: "w.csv")
    let scalars = table?.rows.first?.cells.first?.value.unicodeScalars.map(\.value) ?? []
    #expect(scalars == [0x20AC, 0x81, 0x160, 0x8D, 0x8F, 0x90, 0x201C, 0x201D, 0x2013, 0x9D, 0x178, 0xA0, 0xE9, 0xFF])
}

@Test func overlongAndSurrogateUTF8IsNotValidUTF8() {
    #expect(csvFirstInvalidUTF8([0xC0, 0x80], from: 0) == 0)
    #expect(csvFirstInvalidUTF8([0x41, 0xED, 0xA0, 0x80], from: 0) == 1)
    #expect(csvFirstInvalidUTF8([0xF4, 0x90, 0x80, 0x80], from: 0) == 0)
    #expect(csvFirstInvalidUTF8([0x41, 0xE2, 0x82], from: 0) == 1)
    #expect(csvFirstInvalidUTF8(Array("é€𝄞".utf8), from: 0) == nil)
}

@Test func utf16FileIsAnErrorNamingTheEncoding() {
    let bytes: [UInt8] = [0xFF, 0xFE, 0x69, 0x00, 0x64, 0x00]
    let (table, diagnostics) = CSVReader.read(bytes, file: "w.csv")
    #expect(table == nil)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.severity == .error)
    #expect(diagnostics.first?.message.hasPrefix("the file is UTF-16 text") == true)
}

// MARK: - Line ends

@Test func crlfLineEndsEndRecords() {
    let (table, diagnostics) = read("id;n\r\na;1\r\nb;2\r\n")
    #expect(diagnostics.isEmpty)
    #expect(values(table) == [["a", "1"], ["b", "2"]])
    #expect(table?.rows.map(\.line) == [2, 3])
}

@Test func lfLineEndsEndRecords() {
    let (table, diagnostics) = read("id;n\na;1\nb;2\n")
    #expect(diagnostics.isEmpty)
    #expect(values(table) == [["a", "1"], ["b", "2"]])
    #expect(table?.rows.map(\.line) == [2, 3])
}

@Test func mixedLineEndsAndLoneCREachEndOneRecord() {
    let (table, diagnostics) = read("id;n\r\na;1\nb;2\rc;3\r\nd;4")
    #expect(diagnostics.isEmpty)
    #expect(values(table) == [["a", "1"], ["b", "2"], ["c", "3"], ["d", "4"]])
    #expect(table?.rows.map(\.line) == [2, 3, 4, 5])
    #expect(table?.rows.last?.cells.last == cell("4", 5, 3))
}

@Test func finalLineWithoutLineEndIsRead() {
    let (table, diagnostics) = read("id;n\na;1")
    #expect(diagnostics.isEmpty)
    #expect(values(table) == [["a", "1"]])
}

// MARK: - Quoted cells

@Test func quotedCellsMayHoldSeparatorsAndDoubledQuotes() {
    let (table, diagnostics) = read("id;name\n\"a;b\";\"say \"\"hi\"\"\"\n\"\";\"\"\"\"\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.rows.map(\.cells) == [
        [cell("a;b", 2, 1), cell("say \"hi\"", 2, 7)],
        [cell("", 3, 1), cell("\"", 3, 4)],
    ])
}

@Test func quotedCellsMayHoldLineBreaksAndLaterCellsKeepTheirPhysicalPositions() {
    let text = """
        id;note;hours
        a;"line one
        line two";8
        b;x;9

        """
    let (table, diagnostics) = read(text)
    #expect(diagnostics.isEmpty)
    #expect(table?.rows == [
        CSVRow(cells: [cell("a", 2, 1), cell("line one\nline two", 2, 3), cell("8", 3, 11)], line: 2),
        CSVRow(cells: [cell("b", 4, 1), cell("x", 4, 3), cell("9", 4, 5)], line: 4),
    ])
}

@Test func lineBreaksInsideQuotedCellsAreKeptAsWrittenAndCountAsPhysicalLines() {
    let (table, diagnostics) = read("a;b\r\n\"1\r\n2\r3\";x\r\ny;\"\"\"q\"\r\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.rows.map(\.cells) == [
        [cell("1\r\n2\r3", 2, 1), cell("x", 4, 4)],
        [cell("y", 5, 1), cell("\"q", 5, 3)],
    ])
}

@Test func spacesAroundCellsAreTrimmedButNotInsideOrInsideQuotes() {
    let (table, diagnostics) = read("a ; b\n  x y  ; \" p \" \n")
    #expect(diagnostics.isEmpty)
    #expect(table?.header == [cell("a", 1, 1), cell("b", 1, 5)])
    #expect(table?.rows.first?.cells == [cell("x y", 2, 3), cell(" p ", 2, 10)])
}

@Test func emptyCellsArePositionedWhereTheirTextWouldBe() {
    let (table, diagnostics) = read("a;b;c\n;x;\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.rows.first?.cells == [cell("", 2, 1), cell("x", 2, 2), cell("", 2, 4)])
}

// MARK: - Cell counts

@Test func rowWithTooFewCellsIsAnErrorAtTheEndOfTheRow() {
    let (table, diagnostics) = read("a;b;c\n1;2;3\n4;5\n6;7;8\n")
    #expect(problems(diagnostics) == ["3:4: row has 2 cells, the header has 3"])
    #expect(diagnostics.first?.location?.file == "workers.csv")
    #expect(diagnostics.first?.severity == .error)
    #expect(values(table) == [["1", "2", "3"], ["6", "7", "8"]])
    #expect(table?.rows.map(\.line) == [2, 4])
}

@Test func rowWithTooManyCellsIsAnErrorAtTheFirstExtraCell() {
    let (table, diagnostics) = read("a;b\n1;2;3;4\n5;6\n")
    #expect(problems(diagnostics) == ["2:5: row has 4 cells, the header has 2"])
    #expect(values(table) == [["5", "6"]])
}

@Test func everyBadRowIsReportedAndReadingGoesOn() {
    let (table, diagnostics) = read("a,b,c\n1\n2,3,4,5\n6,7,8\n\"x\ny\",9\n")
    #expect(problems(diagnostics) == [
        "2:2: row has 1 cell, the header has 3",
        "3:7: row has 4 cells, the header has 3",
        "6:5: row has 2 cells, the header has 3",
    ])
    #expect(values(table) == [["6", "7", "8"]])
}

@Test func diagnosticsCarryTheGivenKeyPath() {
    let (_, diagnostics) = CSVReader.read(Array("a;b\n1\n".utf8), file: "p.csv", path: "practices")
    #expect(diagnostics.map(\.description) == ["p.csv:2:2: practices: row has 1 cell, the header has 2"])
}

// MARK: - Quote errors

@Test func unclosedQuoteIsAnErrorAtTheOpeningQuote() {
    let (table, diagnostics) = read("a;b\n1;2\n3;\"open\n4;5\n")
    #expect(problems(diagnostics) == ["3:3: unclosed quote opened at line 3, column 3"])
    #expect(values(table) == [["1", "2"]])
}

@Test func textAfterAClosingQuoteIsAnErrorAtThatText() {
    let (table, diagnostics) = read("a;b\n\"ab\"c;2\n3;\"x\"  y\n4;5\n")
    #expect(problems(diagnostics).map { String($0.prefix(42)) } == [
        "2:5: text after the closing quote of the c",
        "3:8: text after the closing quote of the c",
    ])
    #expect(diagnostics.first?.message
        == "text after the closing quote of the cell at column 1; a quote inside a quoted cell must be doubled (\"\")")
    #expect(values(table) == [["4", "5"]])
}

@Test func quoteInsideAnUnquotedCellIsAnError() {
    let (table, diagnostics) = read("a;b\nab\"c;2\n3;4\n")
    #expect(problems(diagnostics) == [
        "2:3: quote inside an unquoted cell; quote the whole cell and double the quote (\"a\"\"b\")",
    ])
    #expect(values(table) == [["3", "4"]])
}

// MARK: - Empty files and lines

@Test func emptyFileIsAnError() {
    for text in ["", "\n", "  \r\n\t\n"] {
        let (table, diagnostics) = read(text)
        #expect(table == nil)
        #expect(problems(diagnostics) == ["-:-: the file is empty: the first line must name the columns"])
    }
}

@Test func headerWithoutRowsIsAnEmptyTable() {
    let (table, diagnostics) = read("id;name\n")
    #expect(diagnostics.isEmpty)
    #expect(table?.columnNames == ["id", "name"])
    #expect(table?.rows == [])
}

@Test func emptyLinesAreSkippedAnywhere() {
    let (table, diagnostics) = read("\n \r\nid;n\n\n  \na;1\n\t\r\rb;2\n\n\n  ")
    #expect(diagnostics.isEmpty)
    #expect(table?.header.first == cell("id", 3, 1))
    #expect(values(table) == [["a", "1"], ["b", "2"]])
    #expect(table?.rows.map(\.line) == [6, 9])
}

@Test func linesOfOnlySeparatorsAreSkippedAsEmptySpreadsheetRows() {
    let (table, diagnostics) = read("a;b;c\n1;2;3\n;;\n ; ;;;\n4;5;6\n")
    #expect(diagnostics.isEmpty)
    #expect(values(table) == [["1", "2", "3"], ["4", "5", "6"]])
    #expect(table?.rows.map(\.line) == [2, 5])
}

@Test func rowOfQuotedEmptyCellsIsNotSkipped() {
    let (table, diagnostics) = read("a;b\n\"\";\n")
    #expect(diagnostics.isEmpty)
    #expect(values(table) == [["", ""]])
}

// MARK: - Header

@Test func duplicateHeaderIsAnErrorAtTheSecondCell() {
    let (table, diagnostics) = read("id;name;id\n1;2;3\n")
    #expect(problems(diagnostics) == ["1:9: duplicate column \"id\" in the header (also at line 1, column 1)"])
    #expect(table?.rows.count == 1)
}

@Test func emptyHeaderCellIsAnErrorAtTheCell() {
    let (_, diagnostics) = read("id;;name;\"\"\n")
    #expect(problems(diagnostics) == [
        "1:4: empty column name in the header",
        "1:10: empty column name in the header",
    ])
}

// MARK: - NUL and limits

@Test func nulByteIsAnErrorAtItsPosition() {
    let (table, diagnostics) = read("a;b\n1;x\u{0}y\n2;3\n")
    #expect(problems(diagnostics) == [
        "2:4: NUL byte: this is not a text file (or it is UTF-16; save it as \"CSV UTF-8\")",
    ])
    #expect(values(table) == [["2", "3"]])
}

@Test func nulByteInsideAQuotedCellIsAnErrorToo() {
    let (_, diagnostics) = read("a\n\"x\ny\u{0}\"\n")
    #expect(problems(diagnostics).map { String($0.prefix(13)) } == ["3:2: NUL byte"])
}

@Test func diagnosticsAreCappedAtOneHundredPlusASummary() {
    let text = "a;b\n" + String(repeating: "1\n", count: 150)
    let (table, diagnostics) = read(text)
    #expect(diagnostics.count == 101)
    #expect(problems(Array(diagnostics.prefix(1))) == ["2:2: row has 1 cell, the header has 2"])
    #expect(diagnostics[99].location?.line == 101)
    #expect(diagnostics.last?.severity == .error)
    #expect(diagnostics.last?.location == SourceLocation(file: "workers.csv"))
    #expect(diagnostics.last?.message == "… and 50 more problems")
    #expect(table?.rows.isEmpty == true)
}

// MARK: - Numbers

@Test func decimalCommaIsANumberOnlyWhenTheSeparatorIsNotAComma() {
    #expect(CSVNumber.parse("24,5", separator: .semicolon) == 24.5)
    #expect(CSVNumber.parse("24,5", separator: .tab) == 24.5)
    #expect(CSVNumber.parse("24,5", separator: .comma) == nil)
    for separator in [CSVSeparator.comma, .semicolon, .tab] {
        #expect(CSVNumber.parse("24.5", separator: separator) == 24.5)
        #expect(CSVNumber.parse("24", separator: separator) == 24)
        #expect(CSVNumber.parse("-3", separator: separator) == -3)
        #expect(CSVNumber.parse("0.25", separator: separator) == 0.25)
    }
    #expect(CSVNumber.parse("0,5", separator: .semicolon) == 0.5)
}

@Test func thousandsSeparatorsAreNotNumbersForAnySeparator() {
    for separator in [CSVSeparator.comma, .semicolon, .tab] {
        #expect(CSVNumber.parse("1.234,5", separator: separator) == nil)
        #expect(CSVNumber.parse("1,234.5", separator: separator) == nil)
        #expect(CSVNumber.parse("1.234.5", separator: separator) == nil)
        #expect(CSVNumber.parse("1,234,5", separator: separator) == nil)
    }
}

@Test func numbersAreStrictPlainDecimals() {
    let rejected = ["", " ", "12,", ",5", "5.", ".5", "-", "-.5", "+3", "1e3", "1E3", "0x1F", "NaN", "nan",
                    "inf", "-inf", "1 000", " 24", "24 ", "2 4", "--3", "3-", "−3", "٣", "1_000"]
    for text in rejected {
        #expect(CSVNumber.parse(text, separator: .semicolon) == nil, "\(text)")
    }
    #expect(CSVNumber.parse("007", separator: .semicolon) == 7)
    #expect(CSVNumber.parse(String(repeating: "9", count: 400), separator: .comma) == nil)
}

// MARK: - Size

@Test func aMillionRowFileIsRead() {
    var bytes: [UInt8] = Array("id;name;hours_per_week;available\n".utf8)
    let row = Array(";Medewerker;24,5;mon-am|tue-pm\r\n".utf8)
    bytes.reserveCapacity(bytes.count + 1_000_000 * (row.count + 7))
    for index in 0..<1_000_000 {
        bytes.append(contentsOf: "w\(index)".utf8)
        bytes.append(contentsOf: row)
    }
    let (table, diagnostics) = CSVReader.read(bytes, file: "w.csv")
    #expect(diagnostics.isEmpty)
    #expect(table?.rows.count == 1_000_000)
    #expect(table?.rows.last?.line == 1_000_001)
    #expect(table?.rows.last?.cells.first?.value == "w999999")
}

@Test func aLongSingleLineIsReadInLinearTime() {
    // 20 MB in one quoted cell with doubled quotes, then a 10 MB unquoted cell.
    let chunk = Array("abc\"\"de;f ".utf8)
    var bytes: [UInt8] = Array("a;b\n\"".utf8)
    for _ in 0..<2_000_000 { bytes.append(contentsOf: chunk) }
    bytes.append(contentsOf: "\";".utf8)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 10_000_000))
    let (table, diagnostics) = CSVReader.read(bytes, file: "w.csv")
    #expect(diagnostics.isEmpty)
    #expect(table?.rows.first?.cells.first?.value.utf8.count == 18_000_000)
    #expect(table?.rows.first?.cells.last?.column == 2_000_000 * 10 + 4)
}
