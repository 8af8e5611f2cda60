#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro over a cast Swift cannot import; this makes SQLite copy bound text.
static inline void (*csqlite_transient(void))(void *) { return (void (*)(void *))-1; }
#endif
