/// Whether hours owed, each payable by some of the streams, fit in what the
/// streams have — exactly, as a maximum flow (source → what is owed → the
/// streams that may pay it → sink), and who then pays what.
///
/// The greedy first plan pays each practice's hours from its narrowest
/// streams as sessions go in; that order can spend a stream another
/// practice alone could use (the main example, with carnival closed, lost
/// three sessions of its own optimal plan that way). When that greedy
/// payment fails, this one asks whether any payment exists.
enum Transport {
    /// For each debt, the hours each stream pays of it; nil when no way of
    /// paying every debt within `supplies` exists (to 1e-9 of the total).
    static func assign(debts: [(hours: Double, payers: [Int])], supplies: [Double]) -> [[Int: Double]]? {
        let total = debts.reduce(0) { $0 + max(0, $1.hours) }
        guard total > 0 else { return debts.map { _ in [:] } }
        // Nodes: 0 source, 1…D debts, D+1…D+S streams, D+S+1 sink.
        let d = debts.count, s = supplies.count, sink = d + s + 1
        var to: [Int] = [], capacity: [Double] = [], next: [Int] = []
        var head = [Int](repeating: -1, count: sink + 1)
        func edge(_ a: Int, _ b: Int, _ c: Double) {
            for (u, v, cap) in [(a, b, c), (b, a, 0.0)] {
                to.append(v); capacity.append(cap); next.append(head[u]); head[u] = to.count - 1
            }
        }
        for (i, debt) in debts.enumerated() where debt.hours > 0 {
            edge(0, 1 + i, debt.hours)
            for k in debt.payers { edge(1 + i, 1 + d + k, .infinity) }
        }
        for (k, supply) in supplies.enumerated() where supply > 0 { edge(1 + d + k, sink, supply) }
        var flow = 0.0
        let tolerance = 1e-12 * max(1, total)
        // Edmonds–Karp: shortest augmenting paths, until none carries more than the tolerance.
        while flow < total - tolerance {
            var via = [Int](repeating: -1, count: sink + 1)
            var queue = [0], index = 0
            via[0] = -2
            while index < queue.count, via[sink] == -1 {
                let u = queue[index]
                index += 1
                var e = head[u]
                while e >= 0 {
                    if via[to[e]] == -1, capacity[e] > tolerance {
                        via[to[e]] = e
                        queue.append(to[e])
                    }
                    e = next[e]
                }
            }
            guard via[sink] != -1 else { break }
            var push = Double.infinity, v = sink
            while v != 0 { push = min(push, capacity[via[v]]); v = to[via[v] ^ 1] }
            v = sink
            while v != 0 { capacity[via[v]] -= push; capacity[via[v] ^ 1] += push; v = to[via[v] ^ 1] }
            flow += push
        }
        guard flow >= total - 1e-9 * max(1, total) else { return nil }
        // What each debt sends to each stream is the flow on its edges (their reverse capacities).
        var result = debts.map { _ in [Int: Double]() }
        for i in 0..<d {
            var e = head[1 + i]
            while e >= 0 {
                if e % 2 == 0, to[e] > d, to[e] <= d + s, capacity[e ^ 1] > 0 {
                    result[i][to[e] - 1 - d, default: 0] += capacity[e ^ 1]
                }
                e = next[e]
            }
        }
        return result
    }
}
