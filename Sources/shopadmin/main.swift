import ShopAdminCLI

#if canImport(Glibc)
    import Glibc
#endif

// The executable is the one place that lists the feature modules (see InstalledModules).
let status = await ShopAdminCommand.run(arguments: CommandLine.arguments, modules: InstalledModules.all)
exit(status)
