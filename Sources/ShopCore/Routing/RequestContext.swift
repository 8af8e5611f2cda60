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

/// A staff member as the request sees them.
public struct StaffIdentity: Sendable, Equatable {
    public let id: Int64
    public let email: String
    public let role: StaffRole
    public init(id: Int64, email: String, role: StaffRole) {
        self.id = id
        self.email = email
        self.role = role
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
        case .staff(let staff): return AuditActor(kind: "staff", id: staff.id, label: staff.email)
        case .customer(let customer): return customer.auditActor
        }
    }
}
