import HTTPServer
import Synchronization

/// Staff sessions verified in the last two seconds, so an authenticated read costs one trip
/// to the shop's database instead of two. Whatever can end or change a session through the
/// API (sign-out, staff and token changes, password changes, operator actions on the shop)
/// clears the shop's entries at once (`StaffSessionCacheInvalidation`); two seconds bound
/// anything else, such as an edit made outside the API.
public final class StaffSessionCache: Sendable {
    private struct Key: Hashable {
        let shop: String
        let tokenHash: String
    }
    private struct Entry {
        let identity: StaffIdentity
        let validUntil: ContinuousClock.Instant
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let lifetime: Duration
    private let capacity: Int

    public init(lifetime: Duration = .seconds(2), capacity: Int = 100_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func identity(shop: String, tokenHash: String) -> StaffIdentity? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            let key = Key(shop: shop, tokenHash: tokenHash)
            guard let entry = entries[key] else { return nil }
            guard entry.validUntil > now else {
                entries[key] = nil
                return nil
            }
            return entry.identity
        }
    }

    /// Remembers a verified session, never past its own expiry.
    func remember(_ identity: StaffIdentity, shop: String, tokenHash: String, sessionExpiresIn: Duration) {
        let validUntil = ContinuousClock.now + min(lifetime, sessionExpiresIn)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[Key(shop: shop, tokenHash: tokenHash)] = Entry(identity: identity, validUntil: validUntil)
        }
    }

    /// Drops every remembered session of a shop.
    public func forget(shop: String) {
        entries.withLock { entries in entries = entries.filter { $0.key.shop != shop } }
    }
}

/// Clears a shop's remembered sessions after any change that can end or alter one: writes to
/// its staff, API token, session and password routes, and any operator change to the shop.
public struct StaffSessionCacheInvalidation: Middleware {
    let cache: StaffSessionCache
    static let sensitive = ["staff", "api-tokens", "sessions", "set-password"]

    public init(cache: StaffSessionCache) { self.cache = cache }

    public func handle(_ request: Request, context: RequestContext, next: RouteHandler) async throws -> HTTPResponse {
        guard request.method != .get && request.method != .head, let shop = Self.affectedShop(request.path) else {
            return try await next(request, context)
        }
        defer { cache.forget(shop: shop) }
        return try await next(request, context)
    }

    /// The shop whose sessions a write to `path` may change, if any.
    static func affectedShop(_ path: String) -> String? {
        let segments = path.split(separator: "/")
        if segments.count >= 4, segments[0] == "shops", segments[2] == "api", sensitive.contains(String(segments[3])) {
            return String(segments[1])
        }
        if segments.count >= 3, segments[0] == "operator", segments[1] == "shops" {
            return String(segments[2])
        }
        return nil
    }
}
