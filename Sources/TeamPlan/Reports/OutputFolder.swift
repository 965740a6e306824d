import Foundation
import SystemShim
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Writes a folder of outputs so that it is never half written: the files
/// go into a temporary folder beside the target, which is renamed into
/// place only when complete. The previous output stays as it was until then;
/// leftovers of an interrupted run are cleaned up (or restored) by the next.
public struct OutputFolder: Sendable {
    public enum Failure: Error, CustomStringConvertible, Sendable {
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case .cannotWrite(let path, let reason): return "cannot write '\(path)': \(reason)"
            }
        }
    }

    /// The folder as the user named it.
    public let path: String

    public init(path: String) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.path = trimmed
    }

    private var parent: String {
        let p = FilePath.folder(of: path)
        return p.isEmpty ? "." : p
    }

    private var name: String { FilePath.name(of: path) }

    private func sibling(_ kind: String) -> String {
        FilePath.join(parent, ".\(name).\(kind)-\(getpid())")
    }

    /// Removes temporary folders left by an interrupted run, and puts back a
    /// previous output that an interrupted swap had moved aside.
    public func cleanUpLeftovers() {
        let manager = FileManager.default
        guard let entries = try? manager.contentsOfDirectory(atPath: parent) else { return }
        let old = entries.filter { $0.hasPrefix(".\(name).old-") }.sorted()
        if !manager.fileExists(atPath: path), let newest = old.last {
            try? manager.moveItem(atPath: FilePath.join(parent, newest), toPath: path)
        }
        for entry in entries where entry.hasPrefix(".\(name).tmp-") || entry.hasPrefix(".\(name).old-") {
            let full = FilePath.join(parent, entry)
            if manager.fileExists(atPath: full) && full != path { try? manager.removeItem(atPath: full) }
        }
    }

    /// Writes `files` (relative path → bytes) as the folder's whole content.
    public func write(_ files: [(String, Data)]) throws {
        let manager = FileManager.default
        cleanUpLeftovers()
        let temporary = sibling("tmp")
        do {
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            if manager.fileExists(atPath: temporary) { try manager.removeItem(atPath: temporary) }
            try manager.createDirectory(atPath: temporary, withIntermediateDirectories: false)
            for (relative, data) in files {
                let file = FilePath.join(temporary, relative)
                try manager.createDirectory(atPath: FilePath.folder(of: file),
                                            withIntermediateDirectories: true)
                try Self.writeFile(data, to: file)
                Self.pauseForTests()
            }
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw Failure.cannotWrite(path: path, reason: Self.reason(error))
        }
        // Swap: the old output moves aside, the new one in, the old one goes.
        let old = sibling("old")
        do {
            var isDirectory: ObjCBool = false
            let exists = manager.fileExists(atPath: path, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue {
                try? manager.removeItem(atPath: temporary)
                throw Failure.cannotWrite(path: path, reason: "it is a file, not a folder")
            }
            // One step where the system can: the old folder and the new
            // swap places, so that a kill at any moment leaves one of them
            // in place; the old one (now the temporary) then goes.
            if exists, isDirectory.boolValue, tp_exchange_paths(temporary, path) == 0 {
                try? manager.removeItem(atPath: temporary)
                return
            }
            if exists { try manager.moveItem(atPath: path, toPath: old) }
            do {
                try manager.moveItem(atPath: temporary, toPath: path)
            } catch {
                if exists { try? manager.moveItem(atPath: old, toPath: path) }
                throw error
            }
            if exists { try? manager.removeItem(atPath: old) }
        } catch let failure as Failure {
            throw failure
        } catch {
            try? manager.removeItem(atPath: temporary)
            throw Failure.cannotWrite(path: path, reason: Self.reason(error))
        }
    }

    /// Tests kill a run while it writes: in debug builds,
    /// TEAMPLAN_TEST_PAUSE_WRITING=SECONDS waits after each file.
    private static func pauseForTests() {
        #if DEBUG
        if let text = ProcessInfo.processInfo.environment["TEAMPLAN_TEST_PAUSE_WRITING"], let seconds = Double(text) {
            usleep(UInt32(seconds * 1_000_000))
        }
        #endif
    }

    /// Writes and syncs one file with the system's calls, so that a full
    /// disk or a file-size limit comes back as its own error ("no space left
    /// on device", "file too large"), not as Foundation's "unknown error".
    private static func writeFile(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                let n = Darwin.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += n
            }
        }
        if fsync(fd) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    private static func reason(_ error: Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)).lowercased() }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain, let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue)).lowercased()
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteOutOfSpaceError: return "the disk is full"
            case NSFileWriteVolumeReadOnlyError: return "the disk is read-only"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
