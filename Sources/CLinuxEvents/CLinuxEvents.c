// Headers only: see include/CLinuxEvents.h.
#include "CLinuxEvents.h"
