/**
 * Entry points call this first: better-sqlite3 13 needs Node >= 22.12 and segfaults under
 * Node 20 on the first `new Database()`, so refuse to start with a plain message instead.
 */
export function assertNodeVersion(versions: NodeJS.ProcessVersions = process.versions): void {
  if (versions.electron) return; // Electron bundles its own Node.
  const [major = 0, minor = 0] = versions.node.split('.').map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    process.stderr.write(
      `Callback Desk needs Node.js 22.12 or newer (found ${versions.node}). ` +
        `需要 Node.js 22.12 或更高版本。Install Node 24 (see README: "Node 24").\n`,
    );
    process.exit(2);
  }
}
