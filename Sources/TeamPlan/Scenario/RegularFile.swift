#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way teamplan reads an input file (a scenario, a CSV table, a
/// previous plan, a plan file; later a sweep's shard files): only a regular
/// file, only within a size limit, and never blocking.
///
/// A FIFO given as a scenario used to hang `check` forever (opening a FIFO
/// for reading waits for a writer), and `/dev/zero` was read until the size
/// limit. So the file is opened with `O_NONBLOCK` (opening a FIFO returns at
/// once), `O_NOCTTY` (a terminal does not become ours) and `O_CLOEXEC`, the
/// open descriptor is checked with `fstat` — what was opened, not what the
/// name pointed at a moment before — and anything but a regular file is
/// refused before a byte is read. The name is looked at with `stat` first as
/// well, so that a device is not even opened (opening one can have effects).
enum RegularFile {
    /// Why a file was not read, in words that finish "cannot read 'x': …".
    enum Refusal: Error, Hashable, Sendable {
        case noSuchFile
        /// A symbolic link whose target does not exist.
        case danglingLink(target: String)
        /// A symbolic link that leads back to itself (ELOOP).
        case symlinkLoop
        case permissionDenied
        /// Something that is not a regular file: `kind` says what.
        case notRegular(kind: String)
        /// Larger than the limit, from its size before it was read.
        case tooLarge(bytes: Int)
        /// It grew past the limit while it was read.
        case grewPastLimit
        /// Any other error of the system, in its words.
        case system(String)

        /// The words after "cannot read the scenario 'x': ".
        var reason: String {
            switch self {
            case .noSuchFile: return "no such file"
            case .danglingLink(let target):
                return "no such file: it is a dangling symbolic link (to '\(target)', which does not exist)"
            case .symlinkLoop: return "it is a symlink loop, not a regular file"
            case .permissionDenied: return "permission denied"
            case .notRegular(let kind): return "it is \(kind), not a regular file"
            case .tooLarge, .grewPastLimit: return "it is too large"
            case .system(let words): return words
            }
        }
    }

    /// What a file's type is, in a planner's words.
    static func kind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (a pipe)"
        case S_IFCHR: return "a device"
        case S_IFBLK: return "a device (a disk)"
        case S_IFSOCK: return "a socket"
        case S_IFLNK: return "a symbolic link"
        default: return "not a file teamplan knows"
        }
    }

    /// The bytes of the regular file at `path`, at most `limit` of them;
    /// anything else is refused before it is read. With `following: false`
    /// a symbolic link is refused too (a shard's files, a manifest: what
    /// they name must be what they hold, not a way out of their folder).
    static func read(path: String, limit: Int, following: Bool = true) -> Result<[UInt8], Refusal> {
        // The name first: a device or FIFO is refused without being opened.
        var named = stat()
        if (following ? stat(path, &named) : lstat(path, &named)) != 0 {
            return .failure(refusal(errno, path: path))
        }
        if let kind = kind(named.st_mode) { return .failure(.notRegular(kind: kind)) }

        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC | (following ? 0 : O_NOFOLLOW))
        if descriptor < 0 { return .failure(refusal(errno, path: path)) }
        defer { close(descriptor) }
        // What was opened, which may not be what `stat` saw (the name can
        // have been replaced in between).
        var opened = stat()
        if fstat(descriptor, &opened) != 0 { return .failure(.system(words(errno))) }
        if let kind = kind(opened.st_mode) { return .failure(.notRegular(kind: kind)) }
        if Int(opened.st_size) > limit { return .failure(.tooLarge(bytes: Int(opened.st_size))) }
        // A regular file on disk never blocks, so the flag stays: a file of
        // the kernel's that would wait (/proc/kmsg) says so instead of hanging.

        // At most one byte past the limit: a file that grew since `fstat` is
        // refused without being read whole.
        var bytes = [UInt8](repeating: 0, count: Int(opened.st_size) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                if count > limit { return .failure(.grewPastLimit) }
                bytes += [UInt8](repeating: 0, count: min(max(count, 4096), limit + 1 - count))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    return .failure(.notRegular(kind: "a file of the system's that waits for data"))
                }
                return .failure(.system(words(errno)))
            }
            if got == 0 { break }
            count += got
        }
        if count > limit { return .failure(.grewPastLimit) }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// `stat` or `open` failed with `code`.
    private static func refusal(_ code: Int32, path: String) -> Refusal {
        switch code {
        case ENOENT, ENOTDIR:
            // A name that is there as a link whose target is not.
            var link = stat()
            if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                return .danglingLink(target: linkTarget(path) ?? "?")
            }
            return .noSuchFile
        case ELOOP: return .symlinkLoop
        case EACCES, EPERM: return .permissionDenied
        case ENXIO: return .notRegular(kind: "a device or socket that cannot be opened")
        default: return .system(words(code))
        }
    }

    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let length = readlink(path, &buffer, 4096)
        guard length >= 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func words(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

/// read(2), by a name the enum's own `read` does not hide.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
