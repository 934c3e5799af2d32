"""Content-stream objects for pdfminer's page interpreter, read with one regular expression per stream.

pdfminer's ``PDFContentParser`` turns a page's content streams into operands and operators one byte-state
at a time (a method call per token state, a log call per token); it is the largest single cost of reading a
PDF. :func:`content_objects` yields the **same** top-level objects — numbers, strings, names, arrays,
dictionaries, booleans and operator keywords (pdfminer's interned ``PSLiteral``/``PSKeyword`` objects) — from a
regular-expression scan of each decoded stream, and :func:`execute` feeds them to the interpreter's ``do_*``
operators exactly as ``PDFPageInterpreter.execute`` does.

The scan reproduces pdfminer's tokenizer, including its quirks: ``#xx`` escapes in names, numbers such as
``-.5``/``1.``/``--5``, odd-length hex strings, octal and dropped escapes in literal strings (and its 4096-byte
buffer edge for ``\\`` + CR LF), tokens cut by the end of a stream, unmatched ``]``/``>>``. Whatever it does not
reproduce exactly — inline images (``BI``/``ID``), a stream ending inside a string, a hex string or after a bare
``/``, ``<`` or ``>``, an invalid octal escape, a dictionary with an odd number of items, a stream that cannot be
decoded — makes :func:`content_objects` return ``None``, and the caller runs pdfminer's own parser on the page
instead, so the result is always pdfminer's.
"""

from __future__ import annotations

import re

from pdfminer.psparser import KWD, LIT, PSKeyword, literal_name
from pdfminer.utils import choplist

_BUFSIZ = 4096  # pdfminer reads content streams in chunks of this size (PSBaseParser.BUFSIZ)

# one alternative per token start, in the order of PSBaseParser._parse_main; whitespace (\s = the six ASCII
# spaces), NUL bytes and comments are skipped
_TOKEN = re.compile(
    rb"(?:[\s\x00]+|%[^\r\n]*)+"
    rb"|/((?:[^#/%\[\]()<>{}\s]|#[0-9a-fA-F]{0,2})*)"  # 1 name
    rb"|([-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)"  # 2 number
    rb"|([A-Za-z][^#/%\[\]()<>{}\s]*)"  # 3 keyword
    rb"|\(([^()\\]*)\)"  # 4 plain string (no escapes, no nested parentheses)
    rb"|(<<|>>|>(?=[\s\S]))"  # 5 dictionary brackets; a lone '>' (after a hex string) is dropped
    rb"|<([0-9a-fA-F\s]*)(?=[^0-9a-fA-F\s])"  # 6 hex string (its end is read as a token of its own)
    rb"|([\s\S])"  # 7 any other byte: a one-byte keyword ('[', ']', '{', '}', ')', ...) or a case we leave to pdfminer
)
_NAME_HEX = re.compile(rb"#([0-9a-fA-F]{0,2})")
_SPACE = re.compile(rb"\s")
_END_STRING = re.compile(rb"[()\\]")
_ESC = {ord("b"): 8, ord("t"): 9, ord("n"): 10, ord("f"): 12, ord("r"): 13, ord("("): 40, ord(")"): 41, ord("\\"): 92}

_ARRAY_BEGIN, _ARRAY_END = KWD(b"["), KWD(b"]")
_DICT_BEGIN, _DICT_END = KWD(b"<<"), KWD(b">>")
_PROC_BEGIN, _PROC_END = KWD(b"{"), KWD(b"}")
_TRUE, _FALSE = b"true", b"false"
_INLINE = (KWD(b"BI"), KWD(b"ID"))
_OPEN = {_ARRAY_BEGIN: "a", _DICT_BEGIN: "d", _PROC_BEGIN: "p"}
_CLOSE = {_ARRAY_END: "a", _DICT_END: "d", _PROC_END: "p"}


class _Fallback(Exception):
    """A construct the scan does not reproduce exactly: let pdfminer parse the page."""


def _name(raw: bytes):
    if b"#" in raw:
        raw = _NAME_HEX.sub(lambda m: bytes((int(m.group(1), 16),)) if m.group(1) else b"", raw)
    try:
        return LIT(str(raw, "utf-8"))
    except UnicodeDecodeError:
        return LIT(raw)


def _string(data: bytes, i: int) -> tuple[bytes, int]:
    """A literal string starting after its '(' at ``i``, as PSBaseParser._parse_string/_parse_string_1 read it;
    returns the bytes and the index after the closing ')'."""
    out = bytearray()
    paren = 1
    n = len(data)
    search = _END_STRING.search
    while True:
        m = search(data, i)
        if m is None:
            raise _Fallback  # the string runs past the end of the stream
        j = m.start()
        out += data[i:j]
        c = data[j]
        if c == 0x5C:  # backslash
            i = j + 1
            k = i
            while k < n and k - i < 3 and 0x30 <= data[k] <= 0x37:
                k += 1
            if k > i:  # octal escape: up to three digits; the byte after them is read as string text
                code = int(data[i:k], 8)
                if code > 255:
                    raise _Fallback  # pdfminer fails an assertion here
                out.append(code)
                i = k
                continue
            if i >= n:
                raise _Fallback
            e = data[i]
            if e in _ESC:
                out.append(_ESC[e])
            elif e == 0x0D and i + 1 < n and (i + 1) % _BUFSIZ and data[i + 1] == 0x0A:
                i += 1  # backslash CR LF is a line continuation (unless CR ends one of pdfminer's buffers)
            i += 1  # any other escaped byte is dropped
        elif c == 0x28:  # '('
            paren += 1
            out.append(c)
            i = j + 1
        else:  # ')'
            paren -= 1
            i = j + 1
            if not paren:
                return bytes(out), i
            out.append(c)


def _hex(raw: bytes) -> bytes:
    raw = _SPACE.sub(b"", raw)
    if len(raw) % 2:
        return bytes.fromhex(raw[:-1].decode()) + bytes((int(raw[-1:], 16),))
    return bytes.fromhex(raw.decode())


def content_objects(streams) -> list | None:
    """The top-level objects pdfminer's ``PDFContentParser(streams).nextobject()`` would return, in order, or
    ``None`` when the streams hold something only pdfminer's parser reproduces exactly."""
    try:
        return _objects(streams)
    except _Fallback:
        return None
    except Exception:  # a stream that cannot be decoded, ...: pdfminer raises (or not) in its own way
        return None


def _objects(streams) -> list:
    out: list = []
    stack = out  # where the next object goes: the results, or the array/dictionary being built
    context: list[tuple[str, list]] = []  # open arrays/dictionaries/procedures: (type, enclosing stack)
    curtype = None
    append = out.append
    for strm in streams:
        data = strm.get_data()
        n = len(data)
        pos = 0
        match = _TOKEN.match
        while pos < n:
            m = match(data, pos)
            end = m.end()
            g = m.lastindex
            if g is None:  # whitespace and comments
                pos = end
                continue
            if g == 2:
                tok = m.group(2)
                try:
                    append(float(tok) if b"." in tok else int(tok))
                except ValueError:
                    pass  # '-', '+', '.', '-.': no token
            elif g == 3:
                tok = m.group(3)
                if tok == _TRUE:
                    append(True)
                elif tok == _FALSE:
                    append(False)
                else:
                    kw = KWD(tok)
                    if kw in _INLINE:
                        raise _Fallback
                    append(kw)
            elif g == 4:
                append(m.group(4))
            elif g == 1:
                if end >= n:
                    raise _Fallback  # a name cut by the end of the stream (pdfminer may run it into the next one)
                tok = m.group(1)
                append(_name(tok))
            elif g == 6:
                append(_hex(m.group(6)))
            else:
                if g == 5:
                    tok = m.group(5)
                    if tok == b">":
                        pos = end
                        continue
                    kw = KWD(tok)
                else:
                    c = m.group(7)
                    if c == b"(":
                        s, end = _string(data, pos + 1)
                        append(s)
                        pos = end
                        continue
                    if c in b"<>":
                        raise _Fallback  # '<' or '>' cut by the end of the stream
                    kw = KWD(c)
                kind = _OPEN.get(kw)
                if kind is not None:
                    context.append((curtype, stack))
                    curtype = kind
                    stack = []
                    append = stack.append
                else:
                    kind = _CLOSE.get(kw)
                    if kind is None:
                        append(kw)
                    elif kind == curtype:  # (a mismatched closing bracket is dropped, as in pdfminer)
                        objs = stack
                        curtype, stack = context.pop()
                        append = stack.append
                        if kind == "d":
                            if len(objs) % 2:
                                raise _Fallback  # pdfminer raises PSSyntaxError
                            append({literal_name(k): v for (k, v) in choplist(2, objs) if v is not None})
                        else:
                            append(objs)
            pos = end
    return out


def execute(interp, streams) -> bool:
    """Run ``streams`` on ``interp`` like ``PDFPageInterpreter.execute`` (which must have been given the same
    streams after its circular-reference filter); False when the caller must let pdfminer parse them."""
    objs = content_objects(streams)
    if objs is None:
        return False
    cls = type(interp)
    table = cls.__dict__.get("_skillgap_ops")
    if table is None:
        table = {}
        setattr(cls, "_skillgap_ops", table)
    argstack_pop = interp.pop
    for obj in objs:
        if obj.__class__ is PSKeyword:
            op = table.get(obj)
            if op is None:
                name = str(obj.name, "utf-8", "ignore")
                method = "do_" + name.replace("*", "_a").replace('"', "_w").replace("'", "_q")
                func = getattr(cls, method, None)
                op = table[obj] = (func, func.__code__.co_argcount - 1) if func is not None else (None, 0)
            func, nargs = op
            if func is None:
                continue
            if nargs:
                args = argstack_pop(nargs)
                if len(args) == nargs:
                    func(interp, *args)
            else:
                func(interp)
        else:
            interp.argstack.append(obj)
    return True
