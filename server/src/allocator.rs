//! Settings of the server's allocator, mimalloc (set as the global allocator in `main.rs`).

/// mimalloc's `mi_option_purge_delay`: its position in the `mi_option_e` enum of the mimalloc v3
/// sources that `libmimalloc-sys` builds by default (`c_src/mimalloc/v3/include/mimalloc.h`). The
/// crate does not name it; the test below checks that this option has v3's default (1,000 ms).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Returns freed memory to the operating system at once instead of after mimalloc's default
/// second, unless `MIMALLOC_PURGE_DELAY` is set. A trade of speed for memory, measured on the
/// round page at 16 and 64 connections (bench/README.md): peak RSS 182 MB → 130 MB, throughput
/// 33–36 → 25–29 pages/s. Small servers run out of memory before they run out of page views;
/// `MIMALLOC_PURGE_DELAY=1000` restores mimalloc's default.
pub fn return_freed_memory_at_once() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets one integer option; mimalloc reads options atomically.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_with_the_documented_default() {
        // SAFETY: reads one integer option.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(
                default, 1000,
                "mimalloc v3's purge delay defaults to 1,000 ms"
            );
        }
        return_freed_memory_at_once();
        // SAFETY: as above.
        let now = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(now, 0);
        }
    }
}
