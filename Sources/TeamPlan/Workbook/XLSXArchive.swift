import Foundation
import ZIPFoundation

/// The zip container of a workbook, read with ZIPFoundation from memory,
/// within `XLSXLimits`: an entry whose declared size is over the limit is
/// refused before anything of it is expanded, and expanding stops as soon
/// as the bytes that come out pass the limit (a header may lie).
struct XLSXArchive {
    enum Refusal: Error {
        case problem(String)
    }

    private let archive: Archive
    /// Entries by their path (the first of a name, as ZIPFoundation does).
    private var entries: [String: Entry] = [:]
    private let limits: XLSXLimits
    private(set) var expandedBytes = 0

    /// The archive's directory, or why it cannot be read.
    init(_ bytes: [UInt8], limits: XLSXLimits) throws(Refusal) {
        self.limits = limits
        // ZIPFoundation scans backwards for the end record byte by byte;
        // it must lie in the last 64 KiB (its comment is at most 65,535
        // bytes), so a file without one is refused here at once.
        let tail = bytes.suffix(65_535 + 22)
        let signature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
        var hasEnd = false
        if tail.count >= 22 {
            var i = tail.endIndex - 22
            while i >= tail.startIndex {
                if tail[i] == signature[0], tail[i + 1] == signature[1], tail[i + 2] == signature[2], tail[i + 3] == signature[3] {
                    hasEnd = true
                    break
                }
                i -= 1
            }
        }
        guard hasEnd else { throw .problem("the zip archive is damaged or cut short (it has no end record); save the workbook again") }
        try Self.checkBounds(bytes)
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .problem("the zip archive cannot be read (\(error)); save the workbook again")
        }
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxEntries {
                throw .problem("the zip archive has more than \(limits.maxEntries) entries; a workbook has a few dozen")
            }
            let path = entry.path
            if entries[path] == nil { entries[path] = entry }
        }
        if count == 0 { throw .problem("the zip archive is empty: this is not an Excel workbook") }
    }

    /// Every place ZIPFoundation will read lies inside the file: its
    /// in-memory file traps on a read past the end (found by the fuzzer),
    /// so a header that points outside is refused here. ZIP64 (for archives
    /// over 4 GiB, which no workbook needs) is refused with it.
    static func checkBounds(_ b: [UInt8]) throws(Refusal) {
        let damaged = Refusal.problem("the zip archive is damaged (a header points outside the file); save the workbook again")
        func u16(_ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        func signature(_ i: Int, _ third: UInt8, _ fourth: UInt8) -> Bool {
            i >= 0 && i + 4 <= b.count && b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == third && b[i + 3] == fourth
        }
        // The end record ZIPFoundation finds: the last one, scanning back from the end.
        var end = b.count - 22
        while end >= 0, !signature(end, 5, 6) { end -= 1 }
        guard end >= 0 else { throw damaged }
        if signature(end - 20, 6, 7) || u16(end + 10) == 0xFFFF || u32(end + 12) == 0xFFFF_FFFF || u32(end + 16) == 0xFFFF_FFFF {
            throw .problem("the zip archive is a ZIP64 archive, which teamplan does not read; save the workbook again")
        }
        let count = u16(end + 10)
        var at = u32(end + 16)
        guard at + u32(end + 12) <= end else { throw damaged }
        for _ in 0..<count {
            guard at + 46 <= b.count, signature(at, 1, 2) else { return }  // ZIPFoundation stops there too
            let flags = u16(at + 8), method = u16(at + 10)
            let compressed = u32(at + 20), uncompressed = u32(at + 24)
            let name = u16(at + 28), extra = u16(at + 30), comment = u16(at + 32)
            let local = u32(at + 42)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw .problem("the zip archive is a ZIP64 archive, which teamplan does not read; save the workbook again")
            }
            guard at + 46 + name + extra + comment <= b.count else { throw damaged }
            guard local + 30 <= b.count, signature(local, 3, 4) else { throw damaged }
            let data = local + 30 + u16(local + 26) + u16(local + 28)
            let localMethod = u16(local + 8)
            guard data + compressed <= b.count, localMethod != 0 || data + uncompressed <= b.count else { throw damaged }
            if flags & 0x08 != 0 {
                let descriptor = data + (method != 0 ? compressed : uncompressed)
                guard descriptor + 16 <= b.count else { throw damaged }
            }
            at += 46 + name + extra + comment
        }
    }

    func has(_ path: String) -> Bool { entries[path] != nil }

    /// The entry's bytes, nil when there is no such entry.
    mutating func read(_ path: String) throws(Refusal) -> [UInt8]? {
        guard let entry = entries[path] else { return nil }
        guard entry.type == .file else { throw .problem("'\(path)' in the zip archive is not a file") }
        let allowed = min(limits.maxEntryBytes, limits.maxTotalBytes - expandedBytes)
        let mib = { (bytes: Int) in String(format: "%.0f", Double(bytes) / 1_048_576) }
        if entry.uncompressedSize > UInt64(allowed) {
            throw .problem("'\(path)' in the zip archive would expand to \(mib(Int(clamping: entry.uncompressedSize))) MiB; teamplan expands at most \(mib(limits.maxEntryBytes)) MiB an entry and \(mib(limits.maxTotalBytes)) MiB in all (a zip bomb?)")
        }
        // Past its declared size an entry is damaged: stop there, not at the limit.
        let limit = Int(entry.uncompressedSize)
        var out: [UInt8] = []
        out.reserveCapacity(Int(entry.uncompressedSize))
        struct TooLarge: Error {}
        do {
            _ = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                if out.count + chunk.count > limit { throw TooLarge() }
                out.append(contentsOf: chunk)
            }
        } catch is TooLarge {
            throw .problem("'\(path)' in the zip archive expands past the \(limit) bytes its header says; teamplan stopped expanding it (a zip bomb?)")
        } catch {
            throw .problem("'\(path)' in the zip archive is damaged (\(error)); save the workbook again")
        }
        if out.count != Int(clamping: entry.uncompressedSize) {
            throw .problem("'\(path)' in the zip archive expands to \(out.count) bytes, not the \(entry.uncompressedSize) its header says; save the workbook again")
        }
        expandedBytes += out.count
        return out
    }
}
