import Foundation

/// "Did you mean" for misspelt keys, slots and ids.
public enum Suggestions {
    /// The candidate closest to `word` by edit distance, if close enough to
    /// be a plausible typo (at most 2 edits, and fewer than half the word).
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = fold(word)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, fold(candidate))
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = min(2, max(1, word.count / 2))
        return distance <= limit && candidate != word ? candidate : nil
    }

    /// `word` without case and accents: `Sittard-Geleen` and `sittard-geleen`,
    /// `Brunssum` and `Brünssum` fold to the same text.
    static func fold(_ word: String) -> String {
        word.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The candidate that differs from `word` only in case or accents.
    static func sameButForCaseOrAccents(_ word: String, in candidates: [String]) -> String? {
        let folded = fold(word)
        return candidates.first { $0 != word && fold($0) == folded }
    }

    /// `; did you mean 'skills'?` or nothing.
    public static func didYouMean(_ word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Damerau–Levenshtein distance (with adjacent transpositions).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > 8 { return abs(a.count - b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
