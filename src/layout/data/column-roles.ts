/**
 * What a task-table column holds, told by its header words. Folded (no diacritics, lower case) and
 * matched against `foldForSearch` of the header, so OCR that lost its marks still matches.
 * Sources: the columns of the "Phụ lục nhiệm vụ" tables that plans issued under Nghị định
 * 30/2020/NĐ-CP attach (e.g. Quyết định 1055/QĐ-TTg 2020, Phụ lục; Kế hoạch 154/KH-TUHCTD 2024, mục III),
 * and the headings the Government's e-cabinet task tracker uses (Nhiệm vụ, Cơ quan chủ trì,
 * Cơ quan phối hợp, Thời hạn hoàn thành, Sản phẩm).
 * Order matters: the first role whose word occurs in the header wins ("THỜI GIAN THỰC HIỆN" is a
 * time column even though "thực hiện" also opens "Đơn vị thực hiện").
 */
export type ColumnRole = 'id' | 'timeline' | 'lead' | 'cooperating' | 'output' | 'budget' | 'note' | 'content'

export const COLUMN_ROLES: readonly { role: ColumnRole; words: readonly string[]; source: string }[] = [
  { role: 'id', words: ['stt', 'tt', 'so tt', 'so thu tu', 'ma so'], source: 'số thứ tự: every appendix table' },
  { role: 'timeline', words: ['thoi gian', 'thoi han', 'tien do', 'nam thuc hien', 'moc thoi gian'], source: 'Thời gian thực hiện / Thời hạn hoàn thành' },
  { role: 'cooperating', words: ['phoi hop'], source: 'Cơ quan phối hợp' },
  { role: 'lead', words: ['chu tri', 'don vi thuc hien', 'co quan thuc hien', 'don vi chu tri', 'co quan chu tri', 'trach nhiem'], source: 'Cơ quan chủ trì / Đơn vị thực hiện' },
  { role: 'output', words: ['ket qua', 'san pham', 'dau ra', 'cap thuc hien', 'chi tieu'], source: 'Sản phẩm / Kết quả đầu ra' },
  { role: 'budget', words: ['kinh phi', 'nguon von', 'du toan'], source: 'Kinh phí / Nguồn kinh phí' },
  { role: 'note', words: ['ghi chu'], source: 'Ghi chú' },
  { role: 'content', words: ['noi dung', 'hoat dong', 'nhiem vu', 'cong viec', 'giai phap', 'ten de an', 'ten nhiem vu'], source: 'Nội dung / Nhiệm vụ / Hoạt động' },
]
