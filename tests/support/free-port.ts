// A TCP port nobody listens on right now, for servers whose address must be known before they start
// (PUBLIC_URL that a bank redirects and notifies to, an SMTP peer).
import net from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
