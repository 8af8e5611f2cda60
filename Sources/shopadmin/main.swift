import AdminWeb
import Foundation
import ShopAdminCLI

#if canImport(Glibc)
    import Glibc
#endif

// The executable is the one place that lists the feature modules (see InstalledModules).
// The browser admin is mounted here too; SHOPADMIN_SECURE_COOKIES=1 marks its cookie Secure
// behind a TLS proxy that sends no X-Forwarded-Proto.
let admin = AdminWeb(alwaysSecureCookies: ProcessInfo.processInfo.environment["SHOPADMIN_SECURE_COOKIES"] == "1")
let status = await ShopAdminCommand.run(arguments: CommandLine.arguments, modules: InstalledModules.all, mounts: [admin])
exit(status)
