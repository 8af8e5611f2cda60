/// Who is calling, established by the authentication middleware.
public enum Caller: Sendable, Equatable {
    case anonymous
    /// The SaaS operator, signed in with the operator token.
    case `operator`
    /// A member of the shop's staff.
    case staff(StaffIdentity)
    /// A shop's customer, signed in on the storefront (`CustomerAuthMiddleware`).
    case customer(CustomerIdentity)
}

/// A staff member as the request sees them: a person signed in, an integration's API token
/// or the operator's support session, each acting with a role.
public struct StaffIdentity: Sendable, Equatable {
    /// How the caller proved who they are.
    public enum Kind: Sendable, Equatable {
        /// A staff member signed in with email and password; `id` is the staff id.
        case session
        /// An integration's API token; `id` is the token's id.
        case apiToken(name: String)
        /// The operator's support acting in the shop; `id` is the support session's id.
        case support(reason: String)
    }

    public let id: Int64
    /// The staff member's email; empty for API tokens and support.
    public let email: String
    public let role: StaffRole
    public let kind: Kind

    public init(id: Int64, email: String, role: StaffRole, kind: Kind = .session) {
        self.id = id
        self.email = email
        self.role = role
        self.kind = kind
    }

    /// What the caller may do: the role's permissions, less `staff.manage` for support
    /// (support helps in a shop; it never changes who may sign in to it).
    public var permissions: Set<Permission> {
        if case .support = kind { return role.permissions.subtracting([.staffManage]) }
        return role.permissions
    }

    /// The staff id when a person signed in with a password, nil for tokens and support.
    public var staffID: Int64? { kind == .session ? id : nil }

    /// How logs and the audit name the caller: the email, `api token <name>`, `support (<reason>)`.
    public var label: String {
        switch kind {
        case .session: return email
        case .apiToken(let name): return "api token \(name)"
        case .support(let reason): return "support (\(reason))"
        }
    }

    /// The audit actor kind: `staff`, `api_token` or `support`.
    public var actorKind: String {
        switch kind {
        case .session: return "staff"
        case .apiToken: return "api_token"
        case .support: return "support"
        }
    }
}

/// Values that travel with one request through the middleware chain to the handler:
/// the request id, the path parameters, the resolved shop and the caller.
public struct RequestContext: Sendable {
    /// Unique per request, echoed in `X-Request-Id` and the access log.
    public let requestID: String
    /// Path parameters of the matched route, percent-decoded (`{shop}`, `{id}`).
    public var parameters: [String: String] = [:]
    /// The pattern of the matched route, for logs (`/shops/{shop}/api/stores`).
    public var routePattern: String = ""
    /// The feature module that owns the matched route; nil for the core's routes.
    public var routeModule: String?
    /// The shop the path names, once `ShopResolutionMiddleware` has run.
    public var shop: Shop?
    public var caller: Caller = .anonymous

    public init(requestID: String) { self.requestID = requestID }

    /// The resolved shop, or a 500 when a route forgot the shop middleware.
    public func requireShop() throws -> Shop {
        guard let shop else {
            throw HTTPError(.internalServerError, code: "no_shop", message: "This route is not bound to a shop.")
        }
        return shop
    }

    /// A path parameter, or a 400 naming it.
    public func parameter(_ name: String) throws -> String {
        guard let value = parameters[name] else {
            throw HTTPError.badRequest("The path needs \(name).", code: "missing_parameter", field: name)
        }
        return value
    }

    /// An integer path parameter, or a 404 (an id that cannot exist finds nothing).
    public func idParameter(_ name: String = "id") throws -> Int64 {
        guard let value = Int64(try parameter(name)), value > 0 else {
            throw HTTPError.notFound("No \(name) \(parameters[name] ?? "") exists.")
        }
        return value
    }

    /// Who did it, for the audit log.
    public var auditActor: AuditActor {
        switch caller {
        case .anonymous: return AuditActor(kind: "anonymous", id: nil, label: "anonymous")
        case .operator: return AuditActor(kind: "operator", id: nil, label: "operator")
        case .staff(let staff): return AuditActor(kind: staff.actorKind, id: staff.id, label: staff.label)
        case .customer(let customer): return customer.auditActor
        }
    }
}
