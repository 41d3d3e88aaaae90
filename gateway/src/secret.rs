//! A credential held in memory: never printed, and overwritten when dropped (a signed-out session's
//! credentials do not linger in the heap).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

#[derive(Clone, PartialEq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The value, for the one place that must send it (an upstream `Authorization` header).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(hidden)")
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        // SAFETY: zero bytes are valid UTF-8, so the string stays a valid `str` until it is freed.
        let bytes = unsafe { self.0.as_bytes_mut() };
        for byte in bytes {
            // SAFETY: `byte` is a valid, exclusively borrowed byte of the string.
            unsafe { std::ptr::write_volatile(byte, 0) };
        }
        std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
    }
}

/// `Basic base64(user:password)`, the header iSymphony's realm expects.
pub fn basic(user: &str, password: &str) -> Secret {
    Secret(format!(
        "Basic {}",
        STANDARD.encode(format!("{user}:{password}"))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_and_basic_encodes() {
        let s = basic("manager", "pw");
        assert_eq!(s.expose(), "Basic bWFuYWdlcjpwdw==");
        assert_eq!(format!("{s:?}"), "Secret(hidden)");
    }
}
