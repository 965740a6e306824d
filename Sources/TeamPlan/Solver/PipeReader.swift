import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The reading end of a pipe, read to its end on a thread of its own, so
/// that the writer (GLPK writing a model) never stalls on
/// a full pipe while the caller waits for something else.
final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(fd: Int32) {
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                data.append(contentsOf: buffer[0..<n])
            }
            done.signal()
        }
    }

    /// Everything read, once the writing end is closed.
    func wait() -> Data {
        done.wait()
        return data
    }
}
