"""Name tables of the synthetic national history, and the names drawn from them.

Syllables of place and company names, legal forms, lines of business,
institutions, central and local sector unions, and the prefixes of
districts and communes with their frequencies; :class:`_Pool` draws names
without repetition and :func:`_grassroots_names` builds distinct grassroots
union names.  Private to :mod:`thidua.datasets.national`; every name is
synthetic.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

_PLACE_SYLLABLES = (
    "An", "Bình", "Hòa", "Phú", "Long", "Tân", "Đông", "Tây", "Nam", "Bắc",
    "Hưng", "Thái", "Phước", "Sơn", "Giang", "Hà", "Hải", "Ninh", "Quảng", "Thuận",
    "Lâm", "Đức", "Gia", "Vĩnh", "Mỹ", "Thanh", "Trà", "Kiên", "Yên", "Khánh",
    "Định", "Tuyên", "Lai", "Châu", "Hậu", "Thạnh", "Lộc", "Xuân", "Hội", "Cẩm",
    "Phong", "Điền", "Lương", "Thọ", "Quang", "Minh", "Trung", "Tiến", "Hiệp", "Nghĩa",
)  # fmt: skip
_BRAND_SYLLABLES = (
    "Minh", "Phát", "Thành", "Đạt", "Hưng", "Thịnh", "Phúc", "Lộc", "Tài", "Việt",
    "Tiến", "Hoàng", "Kim", "Ngọc", "Hồng", "Sao", "Mai", "Trường", "Nhật", "Quang",
    "Đại", "Tâm", "Hải", "Bảo", "Khang", "Gia", "Thiên", "Tín", "Nghĩa", "Vạn",
    "Phương", "Anh", "Hà", "Sơn", "Long", "An", "Tân", "Trí", "Đông", "Hợp",
    "Bình", "Phong", "Cường", "Dũng", "Hùng", "Huy", "Lợi", "Nguyên", "Thắng", "Toàn",
    "Uy", "Vinh", "Vũ", "Xuân", "Yên", "Đức", "Hiếu", "Khánh", "Lâm", "Mạnh",
)  # fmt: skip
_LEGAL_FORMS = (
    "Công ty TNHH",
    "Công ty Cổ phần",
    "Công ty TNHH MTV",
    "Doanh nghiệp tư nhân",
    "Hợp tác xã",
)
_LINES = (
    "Thương mại", "Xây dựng", "May mặc", "Cơ khí", "Thực phẩm", "Điện tử", "Vận tải",
    "Dịch vụ", "Đầu tư", "Sản xuất", "Chế biến", "Dược phẩm", "Nhựa", "Giày da",
    "Xuất nhập khẩu",
)  # fmt: skip
_INSTITUTIONS = (
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường THCS",
    "Trường THPT",
    "Trạm Y tế",
    "Bệnh viện Đa khoa",
    "Chi cục Thuế",
    "Kho bạc Nhà nước",
    "Bưu điện",
    "Trung tâm Văn hóa",
)
_CENTRAL_SECTORS = (
    "Công đoàn Y tế Việt Nam",
    "Công đoàn Giáo dục Việt Nam",
    "Công đoàn Công Thương Việt Nam",
    "Công đoàn Xây dựng Việt Nam",
    "Công đoàn Giao thông vận tải Việt Nam",
    "Công đoàn Nông nghiệp và Phát triển nông thôn Việt Nam",
    "Công đoàn Viên chức Việt Nam",
    "Công đoàn Ngân hàng Việt Nam",
    "Công đoàn Dệt May Việt Nam",
    "Công đoàn Điện lực Việt Nam",
    "Công đoàn Dầu khí Việt Nam",
    "Công đoàn Bưu điện Việt Nam",
    "Công đoàn Cao su Việt Nam",
    "Công đoàn Than - Khoáng sản Việt Nam",
    "Công đoàn Hàng không Việt Nam",
    "Công đoàn Đường sắt Việt Nam",
    "Công đoàn Công an nhân dân",
    "Công đoàn Quốc phòng",
    "Công đoàn Tài nguyên và Môi trường Việt Nam",
    "Công đoàn Thông tin và Truyền thông Việt Nam",
)
_LOCAL_SECTORS = (
    "Công đoàn ngành Y tế",
    "Công đoàn ngành Giáo dục",
    "Công đoàn ngành Công Thương",
    "Công đoàn ngành Xây dựng",
    "Công đoàn ngành Giao thông vận tải",
    "Công đoàn ngành Nông nghiệp và Phát triển nông thôn",
    "Công đoàn Viên chức",
)
_DISTRICT_PREFIXES = ("quận", "huyện", "thị xã", "thành phố")
_DISTRICT_P = (0.20, 0.68, 0.08, 0.04)
_COMMUNE_PREFIXES = ("xã", "phường", "đặc khu")
_COMMUNE_P = (0.62, 0.37, 0.01)


def _pairs(syllables: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"{a} {b}" for a in syllables for b in syllables if a != b)


_PLACES = _pairs(_PLACE_SYLLABLES)
_BRANDS = _pairs(_BRAND_SYLLABLES)


class _Pool:
    """Names drawn without repetition (numbered once the pool is exhausted)."""

    def __init__(self, items: Sequence[str], rng: np.random.Generator) -> None:
        self._items = [items[int(i)] for i in rng.permutation(len(items))]
        self._next = 0

    def take(self) -> str:
        k = self._next
        self._next += 1
        size = len(self._items)
        base = self._items[k % size]
        return base if k < size else f"{base} {k // size + 1}"


def _grassroots_names(rng: np.random.Generator, n: int) -> list[str]:
    """*n* distinct grassroots names (companies by brand, institutions by place)."""
    companies = len(_LEGAL_FORMS) * len(_LINES) * len(_BRANDS)
    space = companies + len(_INSTITUTIONS) * len(_PLACES)
    repeat = max(1, math.ceil(n / (0.75 * space)))
    codes = rng.permutation(space * repeat)[:n].tolist()
    per_form = len(_LINES) * len(_BRANDS)
    names: list[str] = []
    for code in codes:
        rep, c = divmod(code, space)
        if c < companies:
            form, rest = divmod(c, per_form)
            line, brand = divmod(rest, len(_BRANDS))
            body = f"{_LEGAL_FORMS[form]} {_LINES[line]} {_BRANDS[brand]}"
        else:
            inst, place = divmod(c - companies, len(_PLACES))
            body = f"{_INSTITUTIONS[inst]} {_PLACES[place]}"
        names.append(f"Công đoàn cơ sở {body}" if rep == 0 else f"Công đoàn cơ sở {body} {rep + 1}")
    return names
