#if Serve
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import TeamPlan

/// `teamplan serve`: the planner as a local web page over a folder of
/// scenarios. Routes only: every page calls the library's workflows (check,
/// plan) as the command line does, and the job board runs the plans.
///
/// Safe as a local server: bound to 127.0.0.1 unless told otherwise; every
/// request carries the secret token (from the URL once, then a cookie);
/// a foreign Host (DNS rebinding) or Origin (CSRF) is refused; bodies are
/// at most `bodyLimit`; every name is checked inside the folder.
public final class LocalServer: Sendable {
    public let workspace: Workspace
    public let host: String
    public let port: Int
    public let token: String
    public let board: JobBoard
    public static let bodyLimit = 64 * 1024
    /// The editor sends a scenario's files (each at most 20 MiB, as on disk).
    public static let editorBodyLimit = 64 * 1024 * 1024

    /// The most a request to `path` may send.
    static func limit(for path: String) -> Int {
        path.hasPrefix("/scenario/") && (path.hasSuffix("/check") || path.hasSuffix("/save")) ? editorBodyLimit : bodyLimit
    }
    private let stopRequested: AsyncStream<Void>
    private let stopContinuation: AsyncStream<Void>.Continuation

    public init(workspace: Workspace, host: String = "127.0.0.1", port: Int = 8080, slots: Int,
                token: String = LocalServer.newToken(), board: JobBoard? = nil) {
        self.workspace = workspace
        self.host = host
        self.port = port
        self.token = token
        self.board = board ?? JobBoard(slots: slots, runner: JobBoard.planning(in: workspace))
        (stopRequested, stopContinuation) = AsyncStream<Void>.makeStream()
    }

    /// 32 random bytes as hex.
    public static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Serves until `stop()`; `started` gets the URL to open (with the
    /// token) once the port is bound. Throws when it cannot listen.
    public func run(started: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "teamplan-serve")
        logger.logLevel = .critical
        let host = self.host
        let token = self.token
        let listening = Locked<Int?>(nil)
        let router = Router()
        let guardian = Guardian(token: token, host: host, port: { listening.withLock { $0 } ?? 0 })
        router.add(middleware: guardian)
        routes(router)
        let app = Application(router: router,
                              configuration: .init(address: .hostname(host, port: port), serverName: nil),
                              onServerRunning: { channel in
                                  let bound = channel.localAddress?.port ?? 0
                                  listening.withLock { $0 = bound }
                                  let shownHost = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
                                  let hostPart = shownHost.contains(":") ? "[\(shownHost)]" : shownHost
                                  started("http://\(hostPart):\(bound)/?token=\(token)")
                              },
                              logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.runService(gracefulShutdownSignals: []) }
            group.addTask { [stopRequested, board] in
                for await _ in stopRequested { break }
                // What runs finishes with its best plan, written whole; then the server goes.
                await board.shutDown()
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }

    /// Stops the server: queued plans are cancelled, running ones stopped
    /// with their best plans written, then the port is closed.
    public func stop() { stopContinuation.yield() }

    // MARK: - Routes

    private func routes(_ router: Router<BasicRequestContext>) {
        router.get("/app.css") { _, _ in Self.response(Assets.css, type: "text/css; charset=utf-8") }
        router.get("/app.js") { _, _ in Self.response(Assets.js, type: "text/javascript; charset=utf-8") }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/") { [self] request, _ in
            let pages = Pages(language: Self.language(request))
            let rows = workspace.scenarios().map { file -> Pages.ScenarioRow in
                switch Result(catching: { () throws(Failure) in try Inputs.scenario(file.path, confinedTo: workspace.confinement) }) {
                case .success(let (_, scenario)):
                    let last = workspace.plans(of: file).lazy.compactMap {
                        Headline.of($0, in: self.workspace, scenario: scenario, language: pages.language)
                    }.first
                    return Pages.ScenarioRow(file: file, headline: last)
                case .failure(let failure):
                    let first = Workspace.shownRelative(failure.text(pages.language), root: workspace.root)
                        .split(separator: "\n").first.map(String.init) ?? ""
                    return Pages.ScenarioRow(file: file, problem: first)
                }
            }
            return Self.html(pages.scenarios(rows, folder: workspace.shown), request: request)
        }
        router.get("/scenario/**") { [self] request, context in
            let pages = Pages(language: Self.language(request))
            var parts = context.parameters.getCatchAll()
            if parts.last == "edit" {
                parts.removeLast()
                guard let file = workspace.scenario(Self.joined(parts)), let files = EditorFiles(file, in: workspace) else {
                    return Self.notFound(pages, request)
                }
                if file.name.lowercased().hasSuffix(".xlsx") {
                    return Self.html(pages.problem(pages.w("A workbook", "Een werkmap"),
                                                   pages.w("This scenario is a workbook: edit it in Excel or LibreOffice.",
                                                           "Dit scenario is een werkmap: bewerk het in Excel of LibreOffice.")),
                                     status: .unprocessableContent, request: request)
                }
                return Self.html(pages.editor(file, files, history: workspace.history(of: file)), request: request)
            }
            guard let file = workspace.scenario(Self.joined(parts)) else {
                return Self.notFound(pages, request)
            }
            let check = Result { () throws(Failure) in try CheckWorkflow(file: file.path, confinedTo: workspace.confinement) }
            let plans = workspace.plans(of: file).compactMap { id -> Headline? in
                guard case .success(let checked) = check else { return nil }
                return Headline.of(id, in: workspace, scenario: checked.scenario, language: pages.language)
            }
            return Self.html(pages.scenario(file, check: check, root: workspace.root, plans: plans, jobs: board.all(),
                                            saved: request.uri.queryParameters.get("saved").map { String($0) },
                                            sweeps: workspace.plans(of: file, in: Workspace.sweepsFolder)), request: request)
        }
        router.post("/scenario/**") { [self] request, context in
            var request = request
            let pages = Pages(language: Self.language(request))
            var parts = context.parameters.getCatchAll()
            guard let action = parts.popLast(), ["plan", "check", "save", "sweep", "restore"].contains(action),
                  let file = workspace.scenario(Self.joined(parts)) else { return Self.notFound(pages, request) }
            if action == "restore" {
                let form = Self.form(try await request.collectBody(upTo: Self.bodyLimit))
                do throws(Workspace.EditFailure) {
                    try workspace.restore(Workspace.Kept(stamp: form["stamp"] ?? "", name: form["name"] ?? ""), of: file)
                } catch {
                    return Self.html(pages.problem(pages.w("Not restored", "Niet teruggezet"), error.message(pages.language)), status: .unprocessableContent, request: request)
                }
                return Self.redirect("/scenario/" + Pages.link(file.name) + "/edit")
            }
            if action == "check" || action == "save" {
                guard !file.name.lowercased().hasSuffix(".xlsx") else { return Self.notFound(pages, request) }
                let body = try await request.collectBody(upTo: Self.editorBodyLimit)
                guard let draft = try? JSONDecoder().decode(EditorDraft.self, from: Data(buffer: body)) else {
                    return Self.badForm(pages, request)
                }
                let limit = ScenarioLimits.maxFileBytes
                guard draft.yaml.utf8.count <= limit, draft.tables.allSatisfy({ $0.text.utf8.count <= limit }) else {
                    return Guardian.refusal(.contentTooLarge, Said("A file of the scenario is larger than 20 MiB; teamplan reads files of at most 20 MiB.",
                                                                   "Een bestand van het scenario is groter dan 20 MiB; teamplan leest bestanden van hoogstens 20 MiB."), request)
                }
                let (answer, conflict) = action == "check" ? (workspace.check(draft, of: file, language: pages.language), false)
                    : workspace.save(draft, of: file, language: pages.language)
                let status: HTTPResponse.Status = conflict ? .conflict : (answer.errors > 0 || answer.refusal != nil ? .unprocessableContent : .ok)
                return Self.response(String(decoding: try JSONEncoder().encode(answer), as: UTF8.self), type: "application/json", status: status)
            }
            let form = Self.form(try await request.collectBody(upTo: Self.bodyLimit))
            let sharing = workspace.sharingStem(with: file)
            guard sharing.isEmpty else {
                return Self.html(pages.problem(pages.w("Two scenarios, one name", "Twee scenario’s, één naam"),
                                               pages.w("\(file.name) and \(sharing.joined(separator: ", ")) would keep their plans in the same folder plans/\(file.stem); rename one of them.",
                                                       "\(file.name) en \(sharing.joined(separator: ", ")) zouden hun plannen in dezelfde map plans/\(file.stem) bewaren; geef er een een andere naam.")),
                                 status: .conflict, request: request)
            }
            var kind = JobBoard.Request.Kind.plan
            if action == "sweep" {
                func field(_ name: String) -> String? { form[name].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
                let teamSize = field("team_size"), hoursScale = field("hours_scale")
                let budgetScales = field("budget_scale").map { [$0] } ?? []
                guard teamSize != nil || hoursScale != nil || !budgetScales.isEmpty else {
                    return Self.html(pages.problem(pages.w("No axis", "Geen as"),
                                                   pages.w("Give at least one axis: team sizes, a budget scale or an hours scale.",
                                                           "Geef minstens één as: teamgroottes, een budgetschaal of een urenschaal.")),
                                     status: .badRequest, request: request)
                }
                kind = .sweep(teamSize: teamSize, budgetScales: budgetScales, hoursScale: hoursScale)
            }
            var timeLimit: Double?
            if let text = form["time_limit"], !text.isEmpty {
                guard let seconds = Double(text.replacingOccurrences(of: ",", with: ".")), seconds.isFinite, seconds > 0 else {
                    return Self.html(pages.problem(pages.w("Wrong time limit", "Verkeerde tijdslimiet"),
                                                   pages.w("The time limit must be a number of seconds above 0, e.g. 60.",
                                                           "De tijdslimiet moet een aantal seconden boven 0 zijn, bijv. 60.")),
                                     status: .badRequest, request: request)
                }
                timeLimit = seconds
            }
            return submitted(JobBoard.Request(scenario: file, timeLimit: timeLimit, language: pages.language, kind: kind),
                             pages: pages, request: request)
        }
        router.get("/job/:id") { [self] request, context in
            let pages = Pages(language: Self.language(request))
            guard let id = context.parameters.get("id"), let s = board.snapshot(id) else { return Self.notFound(pages, request) }
            return Self.html(pages.job(s), request: request)
        }
        router.get("/job/:id/status") { [self] request, context in
            guard let id = context.parameters.get("id"), let s = board.snapshot(id) else {
                return Self.notFound(Pages(language: Self.language(request)), request)
            }
            return Self.response(String(decoding: try JSONEncoder().encode(s), as: UTF8.self), type: "application/json")
        }
        router.get("/job/:id/events") { [self] request, context in
            guard let id = context.parameters.get("id"), board.snapshot(id) != nil else {
                return Self.notFound(Pages(language: Self.language(request)), request)
            }
            let stream = board.watch(id)
            return Response(status: .ok, headers: Self.headers("text/event-stream"), body: ResponseBody { writer in
                let encoder = JSONEncoder()
                for await snapshot in stream {
                    let data = String(decoding: try encoder.encode(snapshot), as: UTF8.self)
                    try await writer.write(ByteBuffer(string: "event: snapshot\ndata: \(data)\n\n"))
                }
                try await writer.finish(nil)
            })
        }
        router.post("/job/:id/stop") { [self] request, context in
            guard let id = context.parameters.get("id"), board.snapshot(id) != nil else {
                return Self.notFound(Pages(language: Self.language(request)), request)
            }
            board.stop(id)
            return Response(status: .noContent)
        }
        router.get("/plan/:stem/:stamp") { [self] request, context in
            let pages = Pages(language: Self.language(request))
            guard let id = Self.planID(context), workspace.planFolder(id) != nil else { return Self.notFound(pages, request) }
            guard let (scenario, read, headline) = counted(id, pages) else {
                return Self.html(pages.problem(pages.w("Plan not shown", "Plan niet getoond"),
                                               pages.w("This plan's scenario is gone or cannot be read now; the plan's files are in plans/\(id).",
                                                       "Het scenario van dit plan is weg of nu niet te lezen; de bestanden van het plan staan in plans/\(id).")),
                                 status: .conflict, request: request)
            }
            let others = workspace.scenarios().flatMap { workspace.plans(of: $0) }.filter { $0 != id }
            let version = scenario.name.lowercased().hasSuffix(".xlsx") ? nil : workspace.version(of: scenario)
            // The plan made just before this one of the same scenario: what changed, in one line.
            let before = workspace.plans(of: scenario).first { $0 < id }.flatMap {
                Headline.of($0, in: workspace, scenario: read, language: pages.language)
            }
            let actions = pages.actions(headline, base: "/plan/" + Pages.link(id.description), version: version, others: others)
            return Self.html(pages.plan(headline, scenario: scenario, files: workspace.files(of: id), before: before, actions: actions),
                             request: request)
        }
        router.post("/plan/:stem/:stamp/edit") { [self] request, context in
            var request = request
            let pages = Pages(language: Self.language(request))
            guard let (_, scenario) = keptPlan(context) else { return Self.notFound(pages, request) }
            let form = Self.form(try await request.collectBody(upTo: Self.bodyLimit))
            let worker = form["worker"] ?? "", practice = form["practice"] ?? ""
            guard Self.isID(worker), Self.isID(practice) else { return Self.badForm(pages, request) }
            let edit: ScenarioEdit
            switch form["kind"] {
            case "pin":
                let slot = form["slot"].flatMap { $0.isEmpty ? nil : $0 }
                guard slot.map(Self.isID) ?? true else { return Self.badForm(pages, request) }
                edit = .pin(worker: worker, practice: practice, slot: slot)
            case "avoid": edit = .avoid(worker: worker, practice: practice)
            default: return Self.badForm(pages, request)
            }
            return saving(edit, to: scenario, version: form["version"] ?? "", pages: pages, request: request) { saved in
                let what = switch edit {
                case .pin: pages.w("Pinned \(worker) at \(practice)", "Vastgezet: \(worker) bij \(practice)")
                    + (form["slot"].map { " (\(pages.language.slotName($0)))" } ?? "")
                default: pages.w("\(worker) avoids \(practice)", "\(worker) vermijdt \(practice)")
                }
                return Self.redirect("/scenario/" + Pages.link(scenario.name) + "?saved="
                                     + (what + " — " + pages.w("saved in ", "bewaard in ") + saved + ". " + pages.w("Plan again to see what it changes.", "Plan opnieuw om te zien wat het verandert."))
                                         .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
            }
        }
        router.get("/plan/:stem/:stamp/cover") { [self] request, context in
            let pages = Pages(language: Self.language(request))
            guard let id = Self.planID(context), let folder = workspace.planFolder(id),
                  let (scenario, _, headline) = counted(id, pages) else {
                return Self.notFound(pages, request)
            }
            let q = request.uri.queryParameters
            let worker = q.get("worker") ?? "", from = q.get("from") ?? "", to = q.get("to") ?? ""
            let cover = Result { () throws(Failure) in
                try CoverWorkflow(scenario: scenario.path, plan: folder + "/plan.json", worker: worker, from: from,
                                  to: to.isEmpty ? nil : to, confinedTo: workspace.confinement)
            }
            let version = scenario.name.lowercased().hasSuffix(".xlsx") ? nil : workspace.version(of: scenario)
            return Self.html(pages.cover(headline, scenario: scenario, cover: cover, root: workspace.root, worker: worker,
                                         from: from, to: to.isEmpty ? from : to, version: version), request: request)
        }
        router.post("/plan/:stem/:stamp/replan") { [self] request, context in
            var request = request
            let pages = Pages(language: Self.language(request))
            guard let (id, scenario) = keptPlan(context) else { return Self.notFound(pages, request) }
            let form = Self.form(try await request.collectBody(upTo: Self.bodyLimit))
            guard let worker = form["worker"], Self.isID(worker), let from = form["from"].flatMap(LocalDate.init(iso:)),
                  let to = form["to"].flatMap(LocalDate.init(iso:)), from <= to else { return Self.badForm(pages, request) }
            return saving(.leave(worker: worker, from: from, to: to), to: scenario, version: form["version"] ?? "",
                               pages: pages, request: request) { _ in
                submitted(JobBoard.Request(scenario: scenario, timeLimit: nil, language: pages.language, kind: .replan(id, from: from)),
                          pages: pages, request: request)
            }
        }
        router.post("/new") { [self] request, _ in
            var request = request
            let pages = Pages(language: Self.language(request))
            let form = Self.form(try await request.collectBody(upTo: Self.bodyLimit))
            guard let source = workspace.scenario(form["from"] ?? "") else { return Self.notFound(pages, request) }
            do throws(Workspace.EditFailure) {
                let made = try workspace.copy(source, as: form["name"] ?? "")
                return Self.redirect("/scenario/" + Pages.link(made.name) + "/edit")
            } catch {
                return Self.html(pages.problem(pages.w("Not made", "Niet gemaakt"), error.message(pages.language)), status: .unprocessableContent, request: request)
            }
        }
        router.get("/compare") { [self] request, _ in
            let pages = Pages(language: Self.language(request))
            let q = request.uri.queryParameters
            func headline(_ text: String?) -> Headline? { text.flatMap(Workspace.PlanID.init).flatMap { counted($0, pages)?.2 } }
            guard let a = headline(q.get("a")), let b = headline(q.get("b")) else { return Self.notFound(pages, request) }
            return Self.html(pages.compare(a, b), request: request)
        }
        for kind in [Workspace.plansFolder, Workspace.sweepsFolder] {
            let prefix = kind == Workspace.plansFolder ? "/plan" : "/sweep"
            router.get("\(prefix)/:stem/:stamp/zip") { [self] request, context in
                guard let id = Self.planID(context), workspace.keptFolder(id, in: kind) != nil else {
                    return Self.notFound(Pages(language: Self.language(request)), request)
                }
                var parts: [(String, [UInt8])] = []
                for name in workspace.files(of: id, in: kind) {
                    guard let path = workspace.planFile(id, name, in: kind), let data = FileManager.default.contents(atPath: path) else { continue }
                    parts.append((name, [UInt8](data)))
                }
                let zip = try XLSXWriter.zip(parts)
                var headers = Self.headers("application/zip")
                headers[.contentDisposition] = "attachment; filename=\"\(id.stem)-\(id.stamp).zip\""
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: zip)))
            }
            router.get("\(prefix)/:stem/:stamp/files/**") { [self] request, context in
                let pages = Pages(language: Self.language(request))
                guard let id = Self.planID(context), let path = workspace.planFile(id, Self.joined(context.parameters.getCatchAll()), in: kind),
                      let data = FileManager.default.contents(atPath: path) else { return Self.notFound(pages, request) }
                var headers = Self.headers(Self.contentType(path))
                // The report is self-contained: its own styles and SVG, no script.
                headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; form-action 'none'; sandbox"
                if !path.hasSuffix(".html") && !path.hasSuffix(".svg") {
                    headers[.contentDisposition] = "attachment; filename=\"\(FilePath.name(of: path))\""
                }
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: [UInt8](data))))
            }
        }
        router.get("/sweep/:stem/:stamp") { [self] request, context in
            let pages = Pages(language: Self.language(request))
            guard let id = Self.planID(context), workspace.sweepFolder(id) != nil else { return Self.notFound(pages, request) }
            let scenario = workspace.owner(ofStem: id.stem)
            return Self.html(pages.sweep(id, scenario: scenario, files: workspace.files(of: id, in: Workspace.sweepsFolder)), request: request)
        }
        router.post("/plan/:stem/:stamp/explain") { [self] request, context in
            var request = request
            let pages = Pages(language: Self.language(request))
            guard let (id, scenario) = keptPlan(context) else { return Self.notFound(pages, request) }
            let form = Self.form(try await request.collectBody(upTo: Self.bodyLimit))
            return submitted(JobBoard.Request(scenario: scenario, timeLimit: nil, language: pages.language,
                                              kind: .explain(id, marginals: form["marginals"] != nil)),
                             pages: pages, request: request)
        }
    }

    // MARK: - Responses

    static func headers(_ type: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return headers
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: headers(type), body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A page; a `?lang=` in the request is kept as a cookie.
    static func html(_ text: String, status: HTTPResponse.Status = .ok, request: Request) -> Response {
        var response = response(text, type: "text/html; charset=utf-8", status: status)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'"
        if let asked = request.uri.queryParameters.get("lang"), let language = Language(rawValue: asked) {
            response.headers[.setCookie] = "teamplan-lang=\(language.rawValue); Path=/; SameSite=Strict"
        }
        return response
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func notFound(_ pages: Pages, _ request: Request) -> Response {
        html(pages.problem(pages.w("Not found", "Niet gevonden"),
                           pages.w("There is no such scenario, plan or job in this folder.",
                                   "Er is geen scenario, plan of taak met die naam in deze map.")),
             status: .notFound, request: request)
    }

    /// A kept plan counted under its scenario as it is now: the scenario's
    /// file, the scenario read, and the plan's headline; nil when the
    /// scenario is gone, ambiguous or unreadable.
    func counted(_ id: Workspace.PlanID, _ pages: Pages) -> (Workspace.ScenarioFile, Scenario, Headline)? {
        guard let scenario = workspace.owner(ofStem: id.stem),
              let read = try? Inputs.scenario(scenario.path, confinedTo: workspace.confinement).scenario,
              let headline = Headline.of(id, in: workspace, scenario: read, language: pages.language) else { return nil }
        return (scenario, read, headline)
    }

    /// A job queued, and its page; once the server is stopping, a page that says so.
    func submitted(_ job: JobBoard.Request, pages: Pages, request: Request) -> Response {
        guard let id = board.submit(job) else {
            return Self.html(pages.problem(pages.w("Shutting down", "Wordt afgesloten"),
                                           pages.w("teamplan serve is stopping; no new plan is started.",
                                                   "teamplan serve stopt; er wordt geen nieuw plan gestart.")),
                             status: .serviceUnavailable, request: request)
        }
        return Self.redirect("/job/" + id)
    }

    /// The kept plan a route names, and its scenario (the one scenario of its stem).
    func keptPlan(_ context: BasicRequestContext) -> (Workspace.PlanID, Workspace.ScenarioFile)? {
        guard let id = Self.planID(context), workspace.planFolder(id) != nil,
              let scenario = workspace.owner(ofStem: id.stem) else { return nil }
        return (id, scenario)
    }

    static func badForm(_ pages: Pages, _ request: Request) -> Response {
        html(pages.problem(pages.w("Not understood", "Niet begrepen"),
                           pages.w("The form was not filled in as the page makes it.", "Het formulier is niet ingevuld zoals de pagina het maakt.")),
             status: .badRequest, request: request)
    }

    /// An edit saved into the scenario, then `done`; a refusal as a page
    /// (409 when the file changed on disk meanwhile).
    func saving(_ edit: ScenarioEdit, to scenario: Workspace.ScenarioFile, version: String, pages: Pages, request: Request,
                done: (String) -> Response) -> Response {
        do throws(Workspace.EditFailure) {
            return done(try workspace.apply(edit, to: scenario, version: version))
        } catch {
            let status: HTTPResponse.Status = if case .changedOnDisk = error { .conflict } else { .unprocessableContent }
            return Self.html(pages.problem(pages.w("Not saved", "Niet bewaard"), error.message(pages.language)), status: status, request: request)
        }
    }

    /// An id as scenario.md writes them: letters, digits, `-`, `_`, `.`.
    static func isID(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 200 && text.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)
        }
    }

    // MARK: - Reading requests

    /// `?lang=`, then the cookie, then the browser's first language.
    static func language(_ request: Request) -> Language {
        if let asked = request.uri.queryParameters.get("lang"), let language = Language(rawValue: asked) { return language }
        if let kept = request.cookies["teamplan-lang"]?.value, let language = Language(rawValue: kept) { return language }
        let accepted = request.headers[.acceptLanguage] ?? ""
        let first = accepted.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return first.hasPrefix("nl") ? .nl : .en
    }

    /// The parts of a catch-all, percent-decoded, joined with `/`; a part
    /// that does not decode, or holds a `/`, makes a name no check passes.
    static func joined(_ parts: [Substring]) -> String {
        parts.map { part in
            guard let decoded = String(part).removingPercentEncoding, !decoded.contains("/") else { return "\u{0}" }
            return decoded
        }.joined(separator: "/")
    }

    static func planID(_ context: BasicRequestContext) -> Workspace.PlanID? {
        guard let stem = context.parameters.get("stem")?.removingPercentEncoding,
              let stamp = context.parameters.get("stamp")?.removingPercentEncoding else { return nil }
        return Workspace.PlanID(stem + "/" + stamp)
    }

    /// An `application/x-www-form-urlencoded` body.
    static func form(_ body: ByteBuffer) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields[decode(kv[0])] = kv.count > 1 ? decode(kv[1]) : ""
        }
        return fields
    }

    static func contentType(_ path: String) -> String {
        switch FilePath.name(of: path).split(separator: ".").last?.lowercased() ?? "" {
        case "html": "text/html; charset=utf-8"
        case "csv": "text/csv; charset=utf-8"
        case "ics": "text/calendar; charset=utf-8"
        case "json": "application/json"
        case "txt": "text/plain; charset=utf-8"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        default: "application/octet-stream"
        }
    }
}

/// Every request passes here first: the Host and the Origin must be this
/// server's own, the token must be given, the body not too large.
struct Guardian: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: String
    let host: String
    let port: @Sendable () -> Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let port = self.port()
        let names = ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] + (Guardian.isAny(host) ? [] : [hostPart + ":\(port)"])
        let authority = request.head.authority?.lowercased() ?? ""
        // Bound to every interface the Host is any name the machine has, so
        // the token alone keeps others out; on loopback the name must be loopback's.
        guard Guardian.isAny(host) || names.contains(authority) else {
            return Guardian.refusal(.forbidden, Said("This page answers only as 127.0.0.1 or localhost (the Host was \(authority)).",
                                                     "Deze pagina antwoordt alleen als 127.0.0.1 of localhost (de Host was \(authority))."), request)
        }
        if let origin = request.headers[.origin] {
            guard origin == "http://" + authority || names.contains(where: { "http://" + $0 == origin }) else {
                return Guardian.refusal(.forbidden, Said("A request from another site (\(origin)) is refused.", "Een verzoek van een andere site (\(origin)) wordt geweigerd."), request)
            }
        }
        let limit = LocalServer.limit(for: request.uri.path)
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return Guardian.tooLarge(limit, request)
        }
        if let given = request.uri.queryParameters.get("token") {
            guard Guardian.same(String(given), token) else { return Guardian.unauthorised(request) }
            // The token leaves the address bar (and the history) for a cookie.
            let encode = { (s: Substring) in s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? "" }
            var query = request.uri.queryParameters.filter { $0.key != "token" }.map { encode($0.key) + "=" + encode($0.value) }.joined(separator: "&")
            if !query.isEmpty { query = "?" + query }
            // Only a path of this server: `//host/…` would be another site's.
            var path = request.uri.path
            while path.hasPrefix("//") { path.removeFirst() }
            if !path.hasPrefix("/") { path = "/" + path }
            return Response(status: .seeOther, headers: [
                .location: path + query,
                // A cookie of this port's own: another teamplan serve on the same machine has its own.
                .setCookie: "\(Guardian.cookie(port))=\(token); Path=/; HttpOnly; SameSite=Strict",
                .cacheControl: "no-store",
            ])
        }
        let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        guard let given = bearer ?? request.cookies[Guardian.cookie(port)]?.value, Guardian.same(given, token) else {
            return Guardian.unauthorised(request)
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            return Guardian.tooLarge(limit, request)
        }
    }

    var hostPart: String { host.contains(":") ? "[\(host)]" : host }

    /// The token's cookie: cookies are shared between the ports of one host, so the port is in its name.
    static func cookie(_ port: Int) -> String { "teamplan-token-\(port)" }

    static func isAny(_ host: String) -> Bool { host == "0.0.0.0" || host == "::" }

    /// Compared in time independent of where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func unauthorised(_ request: Request) -> Response {
        refusal(.unauthorized, Said("Open the address teamplan serve printed when it started (with ?token=…); this page needs its token.",
                                    "Open het adres dat teamplan serve bij het starten toonde (met ?token=…); deze pagina heeft zijn token nodig."), request)
    }

    static func tooLarge(_ limit: Int, _ request: Request) -> Response {
        refusal(.contentTooLarge, Said("The request is larger than \(limit / 1024) KiB.", "Het verzoek is groter dan \(limit / 1024) KiB."), request)
    }

    /// A refusal in the language the browser asks for.
    static func refusal(_ status: HTTPResponse.Status, _ said: Said, _ request: Request) -> Response {
        let language = LocalServer.language(request)
        return LocalServer.response("<!DOCTYPE html><html lang=\"\(language.rawValue)\"><meta charset=\"utf-8\"><title>\(status.code) — teamplan</title>"
                                    + "<p>\(Pages.escape(said(language)))</p></html>\n", type: "text/html; charset=utf-8", status: status)
    }
}
#endif
