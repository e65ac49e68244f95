"""A downloaded snapshot is decoded as it streams in; a body cut short or corrupt leaves no file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.sync.transport import TransportError, save
from shared.sync import compression

BODY = os.urandom(200_000) + b"FieldCRM " * 100_000  # incompressible, then very compressible


def packed(encoding: str) -> bytes:
    packer = compression.packer(encoding)
    return packer.compress(BODY) + packer.flush()


def chunks(data: bytes, size: int = 65_536) -> list[bytes]:
    return [data[i:i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("encoding", ["zstd", "gzip", ""])
def test_the_body_is_saved_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "snapshot.sqlite"
    save(chunks(packed(encoding) if encoding else BODY), path, encoding)
    assert path.read_bytes() == BODY


@pytest.mark.parametrize("encoding", ["zstd", "gzip"])
def test_a_body_cut_short_is_refused_and_leaves_no_file(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "snapshot.sqlite"
    data = packed(encoding)
    with pytest.raises(TransportError, match="cut short"):
        save(chunks(data[: len(data) // 2]), path, encoding)
    assert not path.exists()


@pytest.mark.parametrize("encoding", ["zstd", "gzip"])
def test_a_corrupt_body_is_refused_and_leaves_no_file(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "snapshot.sqlite"
    data = bytearray(packed(encoding))
    data[len(data) // 3: len(data) // 3 + 64] = b"\x00" * 64
    with pytest.raises(TransportError):
        save(chunks(bytes(data)), path, encoding)
    assert not path.exists()
