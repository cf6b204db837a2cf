"""The demo province's organisation as data: the unit tree, staffing templates, clusters and logins.

Modelled on Khánh Hòa after the 2025 reorganisation: provincial agencies (sở, ban), wards and communes of
the two-tier local government, public service units and two state enterprises, plus three former districts
dissolved on 2025-07-01 that still hold the older years' records."""

import datetime
from dataclasses import dataclass, field

from accounts.roles import Role
from units.enums import StaffKind, UnitKind

ROOT_CODE = "KHH"
PROVINCE_NAME = "Tỉnh Khánh Hòa"
DISTRICTS_DISSOLVED_ON = datetime.date(2025, 7, 1)

K_ECON = "Khối các sở kinh tế"
K_SOCIAL = "Khối các sở văn hóa – xã hội"
K_GENERAL = "Khối các cơ quan tổng hợp – nội chính"
C_WARDS = "Cụm các phường"
C_PLAINS = "Cụm các xã đồng bằng, ven biển"
C_HIGHLANDS = "Cụm các xã miền núi"
K_ENTERPRISE = "Khối doanh nghiệp nhà nước"
CLUSTERS = [K_ECON, K_SOCIAL, K_GENERAL, C_WARDS, C_PLAINS, C_HIGHLANDS, K_ENTERPRISE]


@dataclass(frozen=True)
class Template:
    """How a kind of unit is staffed: the head's position, deputies, staff positions and their mix."""

    head: str
    deputy: str = ""
    deputies: int = 1
    staff: tuple[str, ...] = ("Chuyên viên", "Chuyên viên chính")
    staff_kind: str = StaffKind.CIVIL_SERVANT
    weight: float = 1.0  # relative headcount beyond the leadership
    female_share: float = 0.45


TEMPLATES = {
    "province": Template("Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh", 3, staff=(), weight=0),
    "so": Template("Giám đốc", "Phó Giám đốc", 2, weight=0.3),
    "vpub": Template("Chánh Văn phòng", "Phó Chánh Văn phòng", 3, weight=0.5),
    "thanh_tra": Template(
        "Chánh Thanh tra tỉnh", "Phó Chánh Thanh tra tỉnh", 2,
        staff=("Thanh tra viên", "Thanh tra viên chính", "Chuyên viên"), weight=2.0,
    ),
    "ban": Template("Trưởng ban", "Phó Trưởng ban", 2, weight=1.5),
    "van_phong": Template(
        "Chánh Văn phòng", "Phó Chánh Văn phòng", 1,
        staff=("Chuyên viên", "Chuyên viên", "Kế toán viên", "Văn thư", "Nhân viên lái xe"), weight=1.0,
    ),
    "phong": Template("Trưởng phòng", "Phó Trưởng phòng", 1, weight=1.1),
    "chi_cuc": Template("Chi cục trưởng", "Phó Chi cục trưởng", 2, weight=2.5),
    "trung_tam": Template(
        "Giám đốc", "Phó Giám đốc", 1, staff=("Viên chức", "Kỹ sư", "Chuyên viên", "Kế toán viên"),
        staff_kind=StaffKind.PUBLIC_EMPLOYEE, weight=2.5, female_share=0.5,
    ),
    "benh_vien": Template(
        "Giám đốc", "Phó Giám đốc", 3,
        staff=("Bác sĩ", "Bác sĩ chuyên khoa I", "Bác sĩ chuyên khoa II", "Điều dưỡng", "Điều dưỡng",
               "Điều dưỡng", "Hộ sinh", "Dược sĩ", "Kỹ thuật viên xét nghiệm"),
        staff_kind=StaffKind.PUBLIC_EMPLOYEE, weight=30, female_share=0.65,
    ),
    "truong": Template(
        "Hiệu trưởng", "Phó Hiệu trưởng", 2,
        staff=("Giáo viên", "Giáo viên", "Giáo viên", "Giáo viên", "Nhân viên thư viện", "Kế toán"),
        staff_kind=StaffKind.PUBLIC_EMPLOYEE, weight=6, female_share=0.68,
    ),
    "bao_tang": Template(
        "Giám đốc", "Phó Giám đốc", 1, staff=("Viên chức", "Thuyết minh viên", "Thủ thư"),
        staff_kind=StaffKind.PUBLIC_EMPLOYEE, weight=2, female_share=0.6,
    ),
    "xa": Template(
        "Chủ tịch UBND", "Phó Chủ tịch UBND", 2,
        staff=("Chuyên viên Văn phòng HĐND và UBND", "Chuyên viên", "Công chức Tư pháp – Hộ tịch",
               "Công chức Tài chính – Kế toán"),
        weight=1.0,
    ),
    "xa_phong": Template("Trưởng phòng", "Phó Trưởng phòng", 1, weight=0.7),
    "tram_y_te": Template(
        "Trạm trưởng", "", 0, staff=("Y sĩ", "Điều dưỡng", "Hộ sinh", "Bác sĩ"),
        staff_kind=StaffKind.PUBLIC_EMPLOYEE, weight=1.0, female_share=0.7,
    ),
    "huyen": Template("Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện", 2, staff=(), weight=0),
    "doanh_nghiep": Template(
        "Giám đốc", "Phó Giám đốc", 2, staff=("Nhân viên", "Kỹ sư", "Công nhân", "Công nhân", "Kế toán viên"),
        staff_kind=StaffKind.WORKER, weight=6, female_share=0.4,
    ),
}


@dataclass
class Node:
    code: str
    name: str
    kind: str
    template: str
    cluster: str | None = None
    children: list["Node"] = field(default_factory=list)
    dissolved_on: datetime.date | None = None


# Sub-units staffed as internal offices (phòng, ban, văn phòng) are offices: their staff are also members of
# the agency or commune; public service units and the rest are collectives of their own.
OFFICE_TEMPLATES = {"phong", "van_phong", "ban", "xa_phong"}


def _subs(prefix: str, *specs: tuple[str, str, str, str]) -> list[Node]:
    return [Node(f"{prefix}-{suffix}", name, UnitKind.OFFICE if template in OFFICE_TEMPLATES else kind, template)
            for suffix, name, kind, template in specs]


OTHER, PSU = UnitKind.OTHER, UnitKind.PUBLIC_SERVICE
VP = ("VP", "Văn phòng Sở", OTHER, "van_phong")


def _agency(code: str, name: str, cluster: str, template: str, *specs) -> Node:
    full = f"{ROOT_CODE}-{code}"
    return Node(full, name, UnitKind.AGENCY, template, cluster, _subs(full, *specs))


AGENCIES = [
    _agency("VPUB", "Văn phòng UBND tỉnh", K_GENERAL, "vpub",
            ("TH", "Phòng Tổng hợp", OTHER, "phong"), ("KT", "Phòng Kinh tế", OTHER, "phong"),
            ("HCC", "Trung tâm Phục vụ hành chính công tỉnh", PSU, "trung_tam")),
    _agency("SNV", "Sở Nội vụ", K_GENERAL, "so", VP,
            ("TCBC", "Phòng Tổ chức – Biên chế", OTHER, "phong"),
            ("CCVC", "Phòng Công chức, viên chức", OTHER, "phong"),
            ("TDKT", "Ban Thi đua – Khen thưởng", OTHER, "ban"),
            ("DVVL", "Trung tâm Dịch vụ việc làm", PSU, "trung_tam")),
    _agency("STC", "Sở Tài chính", K_ECON, "so", VP,
            ("NS", "Phòng Quản lý ngân sách", OTHER, "phong"),
            ("DT", "Phòng Tài chính đầu tư", OTHER, "phong")),
    _agency("STP", "Sở Tư pháp", K_GENERAL, "so", VP,
            ("VB", "Phòng Xây dựng và Kiểm tra văn bản", OTHER, "phong"),
            ("TGPL", "Trung tâm Trợ giúp pháp lý nhà nước", PSU, "trung_tam")),
    _agency("SYT", "Sở Y tế", K_SOCIAL, "so", VP,
            ("NVY", "Phòng Nghiệp vụ Y", OTHER, "phong"),
            ("BVDK", "Bệnh viện Đa khoa tỉnh Khánh Hòa", PSU, "benh_vien"),
            ("BVYHCT", "Bệnh viện Y học cổ truyền và Phục hồi chức năng", PSU, "benh_vien"),
            ("CDC", "Trung tâm Kiểm soát bệnh tật tỉnh", PSU, "trung_tam")),
    _agency("SGDDT", "Sở Giáo dục và Đào tạo", K_SOCIAL, "so", VP,
            ("GDTH", "Phòng Giáo dục Trung học", OTHER, "phong"),
            ("LQD", "Trường THPT chuyên Lê Quý Đôn", PSU, "truong"),
            ("LTT", "Trường THPT Lý Tự Trọng", PSU, "truong"),
            ("NVT", "Trường THPT Nguyễn Văn Trỗi", PSU, "truong"),
            ("HHT", "Trường THPT Hoàng Hoa Thám", PSU, "truong")),
    _agency("SXD", "Sở Xây dựng", K_ECON, "so", VP,
            ("QLXD", "Phòng Quản lý xây dựng", OTHER, "phong"),
            ("QHKT", "Phòng Quy hoạch – Kiến trúc", OTHER, "phong"),
            ("KDXD", "Trung tâm Kiểm định xây dựng", PSU, "trung_tam")),
    _agency("SCT", "Sở Công Thương", K_ECON, "so", VP,
            ("TM", "Phòng Quản lý thương mại", OTHER, "phong"),
            ("NL", "Phòng Quản lý năng lượng", OTHER, "phong")),
    _agency("SNNMT", "Sở Nông nghiệp và Môi trường", K_ECON, "so", VP,
            ("KHTC", "Phòng Kế hoạch – Tài chính", OTHER, "phong"),
            ("CCTL", "Chi cục Thủy lợi", OTHER, "chi_cuc"),
            ("CCKL", "Chi cục Kiểm lâm", OTHER, "chi_cuc"),
            ("KN", "Trung tâm Khuyến nông", PSU, "trung_tam")),
    _agency("SKHCN", "Sở Khoa học và Công nghệ", K_ECON, "so", VP,
            ("QLKH", "Phòng Quản lý khoa học", OTHER, "phong"),
            ("CDS", "Trung tâm Thông tin và Chuyển đổi số", PSU, "trung_tam")),
    _agency("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", K_SOCIAL, "so", VP,
            ("DL", "Phòng Quản lý du lịch", OTHER, "phong"),
            ("BT", "Bảo tàng tỉnh Khánh Hòa", PSU, "bao_tang"),
            ("TV", "Thư viện tỉnh Khánh Hòa", PSU, "bao_tang"),
            ("TDTT", "Trung tâm Huấn luyện và Thi đấu thể thao", PSU, "trung_tam")),
    _agency("SNGV", "Sở Ngoại vụ", K_GENERAL, "so", VP, ("LS", "Phòng Lãnh sự", OTHER, "phong")),
    _agency("SDTTG", "Sở Dân tộc và Tôn giáo", K_SOCIAL, "so", VP, ("TG", "Phòng Tôn giáo", OTHER, "phong")),
    _agency("TTT", "Thanh tra tỉnh", K_GENERAL, "thanh_tra",
            ("VP", "Văn phòng Thanh tra tỉnh", OTHER, "van_phong"),
            ("NV1", "Phòng Nghiệp vụ 1", OTHER, "phong")),
    _agency("BQLKKT", "Ban Quản lý Khu kinh tế Vân Phong", K_ECON, "ban",
            ("VP", "Văn phòng Ban", OTHER, "van_phong"),
            ("DT", "Phòng Quản lý đầu tư", OTHER, "phong")),
]

# (code, name, cluster, extra sub-units)
_COMMUNES = [
    ("PNT", "Phường Nha Trang", C_WARDS, [("THCS", "Trường THCS Thái Nguyên", PSU, "truong")]),
    ("PBNT", "Phường Bắc Nha Trang", C_WARDS, []),
    ("PTNT", "Phường Tây Nha Trang", C_WARDS, []),
    ("PNNT", "Phường Nam Nha Trang", C_WARDS, [("TYT", "Trạm Y tế phường Nam Nha Trang", PSU, "tram_y_te")]),
    ("PCR", "Phường Cam Ranh", C_WARDS, [("THCS", "Trường THCS Nguyễn Hiền", PSU, "truong")]),
    ("PBCR", "Phường Bắc Cam Ranh", C_WARDS, []),
    ("PBN", "Phường Ba Ngòi", C_WARDS, []),
    ("PNH", "Phường Ninh Hòa", C_WARDS, [("TYT", "Trạm Y tế phường Ninh Hòa", PSU, "tram_y_te")]),
    ("PDNH", "Phường Đông Ninh Hòa", C_WARDS, []),
    ("PHT", "Phường Hòa Thắng", C_WARDS, []),
    ("XDK", "Xã Diên Khánh", C_PLAINS, [("THCS", "Trường THCS Trần Quang Khải", PSU, "truong")]),
    ("XDL", "Xã Diên Lạc", C_PLAINS, []),
    ("XDD", "Xã Diên Điền", C_PLAINS, []),
    ("XSH", "Xã Suối Hiệp", C_PLAINS, []),
    ("XCL", "Xã Cam Lâm", C_PLAINS, [("TYT", "Trạm Y tế xã Cam Lâm", PSU, "tram_y_te")]),
    ("XSD", "Xã Suối Dầu", C_PLAINS, []),
    ("XVN", "Xã Vạn Ninh", C_PLAINS, []),
    ("XTB", "Xã Tu Bông", C_PLAINS, []),
    ("XKV", "Xã Khánh Vĩnh", C_HIGHLANDS, [("TYT", "Trạm Y tế xã Khánh Vĩnh", PSU, "tram_y_te")]),
    ("XKS", "Xã Khánh Sơn", C_HIGHLANDS, []),
]


def _commune(code: str, name: str, cluster: str, extra: list) -> Node:
    full = f"{ROOT_CODE}-{code}"
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if name.startswith("Phường") else "Phòng Kinh tế"
    specs = [("KT", economy, OTHER, "xa_phong"), ("VHXH", "Phòng Văn hóa – Xã hội", OTHER, "xa_phong"), *extra]
    return Node(full, name, UnitKind.COMMUNE, "xa", cluster, _subs(full, *specs))


COMMUNES = [_commune(*spec) for spec in _COMMUNES]

DISTRICTS = [
    Node(f"{ROOT_CODE}-H{code}", name, UnitKind.DISTRICT, "huyen", dissolved_on=DISTRICTS_DISSOLVED_ON)
    for code, name in [("DK", "Huyện Diên Khánh"), ("CL", "Huyện Cam Lâm"), ("NH", "Thị xã Ninh Hòa")]
]

ENTERPRISES = [
    Node(f"{ROOT_CODE}-YS", "Công ty TNHH Nhà nước MTV Yến sào Khánh Hòa", UnitKind.ENTERPRISE,
         "doanh_nghiep", K_ENTERPRISE),
    Node(f"{ROOT_CODE}-XSKT", "Công ty TNHH MTV Xổ số kiến thiết Khánh Hòa", UnitKind.ENTERPRISE,
         "doanh_nghiep", K_ENTERPRISE),
]

TREE = Node(ROOT_CODE, PROVINCE_NAME, UnitKind.PROVINCE, "province",
            children=[*AGENCIES, *COMMUNES, *DISTRICTS, *ENTERPRISES])


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    full_name: str
    unit_code: str | None = None


DEMO_LOGINS = [
    DemoLogin("admin", Role.ADMINISTRATOR, "Trần Quốc Bảo"),
    DemoLogin("reviewer", Role.REVIEWER, "Nguyễn Thị Thu Hà"),
    DemoLogin("council1", Role.COUNCIL_MEMBER, "Lê Minh Khánh"),
    DemoLogin("council2", Role.COUNCIL_MEMBER, "Phạm Thị Ngọc Lan"),
    DemoLogin("council3", Role.COUNCIL_MEMBER, "Huỳnh Văn Sơn"),
    DemoLogin("council4", Role.COUNCIL_MEMBER, "Võ Thị Thanh Thủy"),
    DemoLogin("council5", Role.COUNCIL_MEMBER, "Đặng Hữu Phước"),
    DemoLogin("chair", Role.CHAIR, "Lê Hoàng Long"),
    DemoLogin("clerk", Role.CLERK, "Bùi Thị Mỹ Duyên"),
    DemoLogin("officer", Role.UNIT_OFFICER, "Hồ Ngọc Trâm", f"{ROOT_CODE}-SNV"),
    DemoLogin("officer2", Role.UNIT_OFFICER, "Ngô Văn Thành", f"{ROOT_CODE}-PNT"),
]
DEFAULT_PASSWORD = "laurel-demo-2026"
