"""gptdisk.py - a small GPT disk image with named, empty partitions:
a leftover Keel disk for the tests that check the boot takes only the
installed disk's partitions (no sgdisk or sfdisk on the build host)."""
import struct
import uuid
import zlib

SECTOR = 512
ENTRIES = 128
ENTRY_SIZE = 128
LINUX = uuid.UUID("0fc63daf-8483-4772-8e79-3d69d8477de4")


def _header(lba, alt, first, last, disk_guid, entries_lba, entries_crc):
    fields = [b"EFI PART", 0x00010000, 92, 0, 0, lba, alt, first, last,
              disk_guid.bytes_le, entries_lba, ENTRIES, ENTRY_SIZE,
              entries_crc]
    fmt = "<8sIIII QQQQ 16s QII I"
    raw = struct.pack(fmt, *fields)
    crc = zlib.crc32(raw)
    raw = struct.pack(fmt, *fields[:3], crc, *fields[4:])
    return raw.ljust(SECTOR, b"\0")


def write(path, size, parts):
    """parts: [(name, MiB)], laid out from 1 MiB on.  Returns the
    partitions' unique GUIDs (lower case, as GRUB's probe prints)."""
    sectors = size // SECTOR
    table = ENTRIES * ENTRY_SIZE // SECTOR
    first, last = 2048, sectors - 1 - table - 1
    entries, guids, start = b"", [], first
    for name, mib in parts:
        end = start + mib * 2048 - 1
        guid = uuid.uuid4()
        guids.append(str(guid))
        entries += struct.pack("<16s16sQQQ72s", LINUX.bytes_le,
                               guid.bytes_le, start, end, 0,
                               name.encode("utf-16-le"))
        start = end + 1
    entries = entries.ljust(ENTRIES * ENTRY_SIZE, b"\0")
    crc = zlib.crc32(entries)
    disk = uuid.uuid4()
    mbr = bytearray(SECTOR)
    mbr[446:462] = struct.pack("<BBBBBBBBII", 0, 0, 2, 0, 0xEE, 0xFF, 0xFF,
                               0xFF, 1, min(sectors - 1, 0xFFFFFFFF))
    mbr[510:512] = b"\x55\xaa"
    with open(path, "wb") as f:
        f.truncate(size)
        f.write(bytes(mbr))
        f.write(_header(1, sectors - 1, first, last, disk, 2, crc))
        f.write(entries)
        f.seek((sectors - 1 - table) * SECTOR)
        f.write(entries)
        f.write(_header(sectors - 1, 1, first, last, disk,
                        sectors - 1 - table, crc))
    return guids


def find(head, name):
    """The first LBA of the partition called name in head, a disk's
    first 17 KiB (MBR, GPT header, 128 entries); None if none is."""
    lba, count, size = struct.unpack_from("<QII", head, SECTOR + 72)
    for i in range(count):
        off = lba * SECTOR + i * size
        if off + size > len(head):
            break
        raw = head[off + 56:off + 128].decode("utf-16-le").rstrip("\0")
        if raw == name:
            return struct.unpack_from("<Q", head, off + 32)[0]
    return None
