//! A reverse proxy that adds Basic credentials to requests that carry none — what the README's nginx
//! recipe does for a deployment — so the demo (`--credential-proxy`, used by `cargo xtask run`) and the
//! tests show the Event socket going `Live` the way a real deployment makes it. Plain TCP: one request per
//! connection (`Connection: close`), WebSocket upgrades are spliced through.

use std::net::SocketAddr;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The proxy, running until dropped.
pub struct CredentialProxy {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for CredentialProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl CredentialProxy {
    /// Listens on a free port and forwards to `upstream`, adding `authorization` where a request has none.
    pub async fn start(upstream: SocketAddr, authorization: String) -> CredentialProxy {
        let any_port = SocketAddr::from(([127, 0, 0, 1], 0));
        Self::start_on(any_port, upstream, authorization)
            .await
            .expect("a free port")
    }

    /// The same on `listen`.
    pub async fn start_on(
        listen: SocketAddr,
        upstream: SocketAddr,
        authorization: String,
    ) -> std::io::Result<CredentialProxy> {
        let listener = TcpListener::bind(listen).await?;
        let addr = listener.local_addr()?;
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let authorization = authorization.clone();
                tokio::spawn(async move {
                    let _ = forward(client, upstream, &authorization).await;
                });
            }
        });
        Ok(CredentialProxy { addr, task })
    }
}

async fn forward(
    mut client: TcpStream,
    upstream: SocketAddr,
    authorization: &str,
) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if client.read(&mut byte).await? == 0 {
            return Ok(());
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines: Vec<String> = text.trim_end().split("\r\n").map(str::to_owned).collect();
    let has = |name: &str| {
        lines
            .iter()
            .any(|l| l.to_ascii_lowercase().starts_with(&format!("{name}:")))
    };
    let upgrade = has("upgrade");
    if !has("authorization") {
        lines.push(format!("Authorization: {authorization}"));
    }
    if !upgrade {
        lines.retain(|l| !l.to_ascii_lowercase().starts_with("connection:"));
        lines.push("Connection: close".into());
    }
    let mut server = TcpStream::connect(upstream).await?;
    server
        .write_all(format!("{}\r\n\r\n", lines.join("\r\n")).as_bytes())
        .await?;
    tokio::io::copy_bidirectional(&mut client, &mut server).await?;
    Ok(())
}
