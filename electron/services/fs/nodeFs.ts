import { promises as fsp } from 'node:fs';
import type { FileHandlePort, FsPort } from './fsPort';
import { errorCode } from './fsPort';

/** The real file system. */
export const nodeFs: FsPort = {
  async readFile(path) {
    return fsp.readFile(path);
  },
  async readdir(path) {
    try {
      return await fsp.readdir(path);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
  },
  async mkdir(path) {
    await fsp.mkdir(path, { recursive: true });
  },
  async open(path, flags): Promise<FileHandlePort> {
    const handle = await fsp.open(path, flags);
    return {
      async write(data) {
        let offset = 0;
        while (offset < data.byteLength) {
          const { bytesWritten } = await handle.write(data, offset, data.byteLength - offset);
          if (bytesWritten <= 0) throw Object.assign(new Error('short write'), { code: 'EIO' });
          offset += bytesWritten;
        }
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  async rename(from, to) {
    await fsp.rename(from, to);
  },
  async unlink(path) {
    await fsp.unlink(path);
  },
  async rmdir(path) {
    await fsp.rmdir(path);
  },
  async stat(path) {
    try {
      const s = await fsp.stat(path);
      return { size: s.size, isDirectory: s.isDirectory() };
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
  },
};
