/* What FreeXL's freexl.c takes from its autotools config.h, for the build of the core. */
#define VERSION "1.0.6"
#define PACKAGE_VERSION "1.0.6"
