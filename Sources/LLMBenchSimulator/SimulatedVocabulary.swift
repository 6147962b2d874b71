import LLMBenchSupport

/// The words the simulator generates: common Vietnamese words in NFC with correct diacritics,
/// each at most 8 Unicode scalars and made of letters only, so that `" " + word` is exactly one
/// ``SimulatedTokenizer`` token. Every generated token is one of these words with a leading space.
public enum SimulatedVocabulary {
    /// The words, without spaces (a few appear twice, which only weights them).
    public static let words: [String] = [
        "tôi", "bạn", "anh", "chị", "em", "ông", "bà", "cha", "mẹ", "con",
        "người", "nhà", "cửa", "đường", "phố", "làng", "quê", "nước", "đất", "trời",
        "mây", "gió", "mưa", "nắng", "sông", "núi", "biển", "rừng", "cây", "hoa",
        "lá", "cỏ", "chim", "cá", "trâu", "bò", "gà", "vịt", "mèo", "chó",
        "cơm", "canh", "phở", "bún", "bánh", "trà", "cà", "muối", "đường", "gạo",
        "sáng", "trưa", "chiều", "tối", "đêm", "ngày", "tháng", "năm", "tuần", "giờ",
        "phút", "mùa", "xuân", "hạ", "thu", "đông", "lạnh", "nóng", "ấm", "mát",
        "đi", "đến", "về", "ra", "vào", "lên", "xuống", "ăn", "uống", "ngủ",
        "thức", "làm", "học", "dạy", "đọc", "viết", "nói", "nghe", "nhìn", "thấy",
        "biết", "hiểu", "nghĩ", "nhớ", "quên", "yêu", "thương", "ghét", "sợ", "mong",
        "chờ", "đợi", "gặp", "hỏi", "trả", "lời", "mua", "bán", "chơi", "chạy",
        "nhảy", "hát", "múa", "cười", "khóc", "ngồi", "đứng", "nằm", "mở", "đóng",
        "to", "nhỏ", "cao", "thấp", "dài", "ngắn", "rộng", "hẹp", "nhanh", "chậm",
        "mới", "cũ", "trẻ", "già", "đẹp", "xấu", "tốt", "hay", "dở", "vui",
        "buồn", "khỏe", "yếu", "giàu", "nghèo", "sạch", "bẩn", "xanh", "đỏ", "vàng",
        "trắng", "đen", "tím", "hồng", "xám", "nâu", "trong", "ngoài", "trên", "dưới",
        "giữa", "bên", "cạnh", "gần", "xa", "đây", "đó", "kia", "nào", "gì",
        "ai", "sao", "bao", "nhiêu", "mấy", "rất", "lắm", "quá", "hơi", "khá",
        "đã", "đang", "sẽ", "vừa", "mới", "còn", "chưa", "không", "có", "là",
        "và", "với", "của", "cho", "để", "vì", "nên", "nhưng", "hoặc", "nếu",
        "thì", "mà", "khi", "lúc", "từ", "tới", "bởi", "cùng", "như", "theo",
        "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
        "trăm", "nghìn", "triệu", "nhiều", "ít", "tất", "cả", "mọi", "những", "các",
        "sách", "vở", "bút", "bàn", "ghế", "giường", "tủ", "đèn", "xe", "thuyền",
        "tàu", "máy", "bay", "điện", "thoại", "tiền", "việc", "chợ", "trường", "lớp",
        "bệnh", "viện", "công", "ty", "thành", "tỉnh", "huyện", "xã", "miền", "bắc",
        "nam", "tây", "lịch", "sử", "văn", "hóa", "khoa", "toán", "tiếng", "chữ",
        "câu", "bài", "thơ", "truyện", "nhạc", "phim", "ảnh", "tranh", "bóng", "đá",
        "nghiêng", "hương", "nhẹ", "dịu", "êm", "ngọt", "đắng", "cay", "chua", "mặn",
        "thuyền", "bến", "đò", "cầu", "ao", "hồ", "suối", "thác", "đồi", "đồng",
        "lúa", "ngô", "khoai", "sắn", "đậu", "rau", "quả", "chuối", "cam", "dừa",
    ]

    /// The token texts the simulator writes: each word with one leading space.
    static let tokenTexts: [String] = words.map { " " + $0 }

    /// The ``SimulatedTokenizer`` id of each of ``tokenTexts``.
    static let tokenIDs: [Int] = tokenTexts.map(SimulatedTokenizer.id(of:))

    /// A word picked uniformly with `generator`, as a token text.
    static func randomTokenText(using generator: inout SeededRandom) -> String {
        tokenTexts[randomTokenIndex(using: &generator)]
    }

    /// The index in ``tokenTexts`` of a word picked uniformly with `generator`.
    static func randomTokenIndex(using generator: inout SeededRandom) -> Int {
        Int(generator.next() % UInt64(tokenTexts.count))
    }
}
