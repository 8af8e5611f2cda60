import AccountBalanceModule
import ShopCore
import TagsModule

/// The feature modules this build ships, each a target under Plugins/. The tier matrix
/// (`TierMatrix.standard` in the core) says which shops get which.
enum InstalledModules {
    static var all: [any FeatureModule] { [TagsModule(), AccountBalanceModule()] }
}
