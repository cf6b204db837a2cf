"""Vietnamese personal names for the demo province, with rough real-world frequencies.

Family names follow the usual national shares, leaning to the south-central coast (Huỳnh and Võ are more
common there than Hoàng and Vũ). Middle names are gender-typical (Văn, Đức, Hữu for men; Thị, Ngọc, Thu
for women). All strings are NFC."""

import random
import unicodedata

# (family name, weight in ‰)
FAMILY_NAMES = [
    ("Nguyễn", 370), ("Trần", 110), ("Lê", 95), ("Phạm", 65), ("Huỳnh", 45), ("Hoàng", 25),
    ("Phan", 45), ("Võ", 40), ("Vũ", 15), ("Đặng", 21), ("Bùi", 20), ("Đỗ", 14), ("Hồ", 16),
    ("Ngô", 13), ("Dương", 10), ("Lý", 5), ("Trương", 12), ("Đinh", 8), ("Đoàn", 8), ("Lâm", 5),
    ("Mai", 5), ("Cao", 4), ("Tạ", 3), ("Lương", 4), ("Châu", 3), ("Thái", 3), ("Tô", 2),
    ("Hà", 4), ("Lưu", 3),
]

MIDDLE_NAMES = {
    "male": [
        ("Văn", 30), ("Đức", 8), ("Minh", 9), ("Quốc", 7), ("Hữu", 7), ("Thanh", 6), ("Công", 5),
        ("Ngọc", 4), ("Xuân", 4), ("Quang", 5), ("Hoàng", 4), ("Tấn", 5), ("Trung", 3), ("Đình", 4),
        ("Anh", 3), ("Gia", 2), ("Bảo", 2), ("Thành", 3), ("Duy", 2),
    ],
    "female": [
        ("Thị", 40), ("Ngọc", 8), ("Thanh", 6), ("Thu", 5), ("Kim", 5), ("Mỹ", 4), ("Phương", 3),
        ("Hồng", 4), ("Minh", 3), ("Bảo", 2), ("Diệu", 2), ("Thùy", 4), ("Hoài", 2), ("Như", 3),
        ("Bích", 3), ("Khánh", 2), ("Quỳnh", 2), ("Lệ", 2),
    ],
}

GIVEN_NAMES = {
    "male": [
        "An", "Anh", "Bảo", "Bình", "Cường", "Công", "Dũng", "Duy", "Đạt", "Định", "Đông", "Hải", "Hào",
        "Hiếu", "Hiệp", "Hòa", "Hoàng", "Hùng", "Huy", "Hưng", "Khải", "Khang", "Khánh", "Khoa", "Kiên",
        "Lâm", "Lộc", "Long", "Luân", "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Phước",
        "Quân", "Quang", "Sang", "Sơn", "Tài", "Tâm", "Tân", "Thắng", "Thành", "Thiện", "Thịnh", "Thông",
        "Tiến", "Toàn", "Trí", "Trọng", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Vương",
    ],
    "female": [
        "An", "Anh", "Châu", "Chi", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hân", "Hiền",
        "Hoa", "Hồng", "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Ly", "Mai", "My", "Nga",
        "Ngân", "Nhi", "Nhung", "Oanh", "Phượng", "Phương", "Quyên", "Quỳnh", "Sương", "Tâm", "Thảo",
        "Thơ", "Thu", "Thủy", "Thư", "Trâm", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến",
    ],
}


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    names, weights = zip(*weighted, strict=True)
    return rng.choices(names, weights=weights)[0]


def full_name(rng: random.Random, gender: str) -> str:
    """A plausible "Family Middle Given" name for gender ("male"/"female"), NFC-normalised."""
    family = _pick(rng, FAMILY_NAMES)
    middle = _pick(rng, MIDDLE_NAMES[gender])
    given = rng.choice(GIVEN_NAMES[gender])
    while given == middle:
        given = rng.choice(GIVEN_NAMES[gender])
    parts = [family, middle, given]
    # About one woman in six carries a second middle name ("Nguyễn Thị Ngọc Anh").
    if gender == "female" and middle == "Thị" and rng.random() < 0.18:
        second = _pick(rng, MIDDLE_NAMES["female"])
        if second not in ("Thị", given):
            parts.insert(2, second)
    return unicodedata.normalize("NFC", " ".join(parts))
