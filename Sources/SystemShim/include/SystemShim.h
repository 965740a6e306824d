#ifndef TEAMPLAN_SYSTEM_SHIM_H
#define TEAMPLAN_SYSTEM_SHIM_H

/// Swaps two existing paths in one step (Linux renameat2 with
/// RENAME_EXCHANGE): a reader sees the old folder or the new one, never
/// neither. Returns 0, or -1 with errno set (ENOSYS or EINVAL where the
/// system or the file system cannot).
int tp_exchange_paths(const char *first, const char *second);


#endif
