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
