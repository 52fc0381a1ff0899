// Words of the console in Bahasa Indonesia (the default) and English, and the Indonesian formats
// of money, dates and months. Codes from the API (statuses, reasons, problems) are translated here;
// an unknown code is shown as it is, never hidden.

const ID = {
  appTitle: 'Konsol Staf',
  skipToContent: 'Lewati ke isi',
  language: 'Bahasa',
  signOut: 'Keluar',
  signIn: 'Masuk',
  loading: 'Memuat…',
  working: 'Memproses…',
  navDashboard: 'Dasbor',
  navRegistrations: 'Pendaftaran',
  navImport: 'Impor SK',
  navRuns: 'Iuran bulanan',
  navClaims: 'Cek klaim',
  navSettings: 'Pengaturan',
  localBanner: 'Mode lokal: Anda masuk dengan identitas staf demo "{name}". Token tidak diperiksa tanda tangannya. Bukan untuk produksi.',
  signInTitle: 'Masuk ke Konsol Staf',
  signInText: 'Masuk dengan akun staf Dinas Sosial Anda.',
  notStaff: 'Akun ini bukan anggota kelompok staf Dinas Sosial (dinsos-staff). Hubungi admin untuk mendapatkan akses.',
  signInFailed: 'Gagal masuk: {detail}',
  sessionExpired: 'Sesi Anda berakhir. Silakan masuk kembali.',
  networkError: 'Server tidak dapat dihubungi. Periksa koneksi lalu coba lagi.',
  unexpectedAnswer: 'Jawaban server tidak terduga (HTTP {status}).',
  retry: 'Coba lagi',
  yes: 'Ya',
  no: 'Tidak',
  none: '—',
  save: 'Simpan',
  cancel: 'Batal',
  search: 'Cari',
  back: 'Kembali',
  close: 'Tutup',
  total: 'Jumlah',
  rupiahPerMonth: '{amount} per bulan',

  // dashboard
  dashboardTitle: 'Dasbor program',
  quota: 'Kuota',
  activeCount: 'Peserta aktif',
  freePlaces: 'Kuota tersisa',
  pendingCount: 'Menunggu verifikasi',
  waitlistCount: 'Daftar tunggu',
  rateInForce: 'Iuran per orang',
  countsByStatus: 'Jumlah per status',
  countsByKecamatan: 'Per kecamatan',
  countsByOccupation: 'Per pekerjaan',
  kecamatan: 'Kecamatan',
  occupation: 'Pekerjaan',
  status: 'Status',
  count: 'Jumlah',
  budgetYear: 'Anggaran tahun {year}',
  allocation: 'Pagu',
  committed: 'Ditagihkan, belum dibayar',
  spent: 'Dibayar',
  remaining: 'Sisa pagu',
  month: 'Bulan',
  cumulative: 'kumulatif',
  chartSummary: 'Grafik anggaran per bulan: garis pagu, batang dibayar dan ditagihkan (kumulatif). Angka yang sama ada di tabel di bawahnya.',
  showTable: 'Tampilkan tabel angka',
  noWarnings: 'Tidak ada peringatan. Semua tagihan terbayar tepat waktu.',
  warnings: 'Peringatan',
  warnOverdue: 'Tagihan {month} sebesar {amount} lewat jatuh tempo {days} hari (jatuh tempo {due}).',
  warnAtRisk: 'Tagihan {month} ({amount}) belum dibayar: tiga bulan berturut-turut atau lebih, kepesertaan terancam berakhir (R-06).',
  warnLapsedMonth: 'Tagihan {month} ({amount}) belum dibayar empat bulan berturut-turut: kepesertaan berakhir karena tunggakan (R-06).',
  warnLapsedPeople: '{count} peserta berhenti karena tunggakan dan menunggu didaftarkan ulang.',
  warnBlocked: 'Iuran {month} tertahan: anggaran tidak cukup (kurang {amount}).',
  warnInProgress: 'Iuran {month} sedang diproses.',
  resolvePay: 'Catat pembayaran',
  resolveReEnrol: 'Daftarkan ulang',
  resolveBudget: 'Ubah pagu',
  resolveRun: 'Lihat',
  noProgramme: 'Program belum diatur. Isi pengaturan program terlebih dahulu.',

  // registrations
  registrationsTitle: 'Pendaftaran',
  tabQueue: 'Antrean verifikasi',
  tabWaitlist: 'Daftar tunggu',
  tabActive: 'Aktif',
  tabEnded: 'Berakhir',
  tabRejected: 'Ditolak',
  tabSearch: 'Cari',
  queueHint: 'Pendaftaran menunggu verifikasi, yang paling lama di atas.',
  waitlistHint: 'Urutan daftar tunggu: yang teratas mendapat kuota lebih dulu saat ada tempat kosong (R-17).',
  searchLabel: 'NIK (16 angka) atau nama',
  searchHint: 'NIK dicari persis; nama dicari sebagian, tanpa membedakan huruf besar-kecil (minimal 2 huruf).',
  noResults: 'Tidak ada data.',
  loadMore: 'Muat lebih banyak',
  fullName: 'Nama lengkap',
  nik: 'NIK',
  submittedAt: 'Diajukan',
  position: 'Urutan',
  reEnrolAll: 'Daftarkan ulang semua yang berhenti karena tunggakan ({count})',
  reEnrolDone: '{active} peserta aktif kembali, {waitlisted} masuk daftar tunggu.',
  registrationTitle: 'Pendaftaran {name}',
  personalData: 'Data pribadi',
  eligibilityFacts: 'Syarat kepesertaan',
  coverage: 'Kepesertaan',
  birthDate: 'Tanggal lahir',
  sex: 'Jenis kelamin',
  phone: 'Telepon',
  address: 'Alamat',
  dtsen: 'DTSEN',
  dtsenValue: 'Desil {decile} (versi {version})',
  disability: 'Penyandang disabilitas',
  source: 'Sumber',
  coverageStart: 'Mulai dilindungi',
  coverageEnd: 'Akhir perlindungan',
  consecutivePaidMonths: 'Bulan iuran berturut-turut',
  endReason: 'Alasan berakhir',
  rejectionReason: 'Alasan penolakan',
  neverCovered: 'Tidak pernah dilindungi',
  lapsed: 'Berhenti karena tunggakan',
  reEnrolledAs: 'Didaftarkan ulang sebagai',
  history: 'Riwayat',
  historyAt: 'Waktu',
  historyBy: 'Oleh',
  historyFrom: 'Dari',
  historyTo: 'Menjadi',
  historyReason: 'Alasan',
  approve: 'Setujui',
  reject: 'Tolak',
  end: 'Akhiri kepesertaan',
  rejectReasonLabel: 'Alasan penolakan',
  endReasonLabel: 'Alasan berakhir',
  effectiveDate: 'Tanggal berlaku',
  effectiveDateHint: 'Tanggal kejadian (misalnya tanggal meninggal atau pindah). Perlindungan berakhir pada akhir bulan itu (R-20).',
  approved: 'Pendaftaran disetujui: {status}.',
  approvedWaitlisted: 'Kuota penuh: pendaftaran masuk daftar tunggu di urutan {position}.',
  rejected: 'Pendaftaran ditolak.',
  ended: 'Kepesertaan diakhiri.',
  promoted: '{name} dari daftar tunggu kini aktif.',
  ruleNikBirth: 'Tanggal lahir sesuai NIK (R-10)',
  ruleNikSex: 'Jenis kelamin sesuai NIK (R-10)',
  ruleKecamatan: 'Kecamatan termasuk wilayah program (R-12)',
  ruleGroup: 'Kelompok sasaran: pekerjaan yang berhak, disabilitas, atau desil DTSEN ≤ {max} (R-13, R-14)',
  ruleAge: 'Usia {age} tahun, dalam batas {min}–{max} tahun (R-15)',
  ruleAgeUnknown: 'Usia dalam batas {min}–{max} tahun (R-15)',
  eligibilityNote: 'Syarat diperiksa ulang oleh sistem saat pengajuan; daftar ini membantu verifikasi dokumen.',

  // import
  importTitle: 'Impor daftar penerima (SK)',
  importHint: 'Berkas CSV UTF-8 dengan baris judul: nik,fullName,birthDate,sex,phone,street,kelurahan,kecamatan,occupation,dtsenDecile,dtsenVersion,disability,coverageStart. Baris yang salah tidak menghentikan baris lain; mengimpor berkas yang sama dua kali tidak mengubah apa pun.',
  chooseFile: 'Berkas CSV',
  startImport: 'Impor',
  fileSummary: '{name}: {rows} baris data, {size}.',
  uploading: 'Mengunggah {percent}%',
  processing: 'Server memproses {rows} baris…',
  importProgress: 'Mengimpor: {done} dari {total} baris',
  importReading: 'Membaca laporan: {done} dari {total} baris',
  importReport: 'Hasil impor',
  accepted: 'Diterima',
  acceptedActive: 'Diterima, aktif',
  acceptedWaitlisted: 'Diterima, daftar tunggu',
  unchanged: 'Tidak berubah',
  refused: 'Ditolak',
  line: 'Baris',
  outcome: 'Hasil',
  reasons: 'Alasan',
  downloadReport: 'Unduh laporan (CSV)',
  filterRows: 'Tampilkan',
  allRows: 'Semua baris',
  kpjTitle: 'Impor nomor KPJ dari BPJS',
  kpjHint: 'Berkas CSV dengan baris judul nik,kpj.',
  recorded: 'Tercatat',
  emptyFile: 'Berkas kosong atau tanpa baris data.',
  fileTooLarge: 'Berkas {size} terlalu besar (maksimal {max}). Pecah menjadi beberapa berkas.',

  // runs
  runsTitle: 'Iuran bulanan',
  year: 'Tahun',
  participants: 'Peserta',
  parts: 'Bagian',
  dueDate: 'Jatuh tempo',
  paid: 'Dibayar',
  unpaid: 'Belum dibayar',
  overdue: 'Lewat jatuh tempo',
  open: 'Buka',
  runTitle: 'Iuran {month}',
  dryRun: 'Simulasi (tanpa menyimpan)',
  realRun: 'Jalankan iuran',
  rerun: 'Jalankan lagi (tagih yang belum, sebagai bagian susulan)',
  actorPortal: 'Portal warga ({client})',
  actorSystem: 'Sistem',
  actorImport: 'Impor SK',
  confirmRun: 'Jalankan iuran {month}? Biaya akan dicadangkan dari anggaran {year}.',
  runResult: 'Hasil',
  dryRunResult: 'Simulasi: {participants} peserta, {total}. Tidak ada yang disimpan.',
  runBlocked: 'Anggaran tidak cukup: kurang {amount}. Tidak ada yang ditagihkan (R-22).',
  runProgress: '{done} dari {planned} peserta ditagihkan',
  runCompleted: 'Iuran {month} selesai: {participants} peserta, {total}.',
  downloadBill: 'Unduh tagihan (CSV)',
  recordPayment: 'Catat pembayaran',
  paidOn: 'Tanggal bayar',
  reference: 'Nomor referensi (SP2D)',
  paymentRecorded: 'Pembayaran dicatat.',
  part: 'Bagian',
  supplementary: 'susulan',
  raisedOn: 'Diterbitkan',
  rate: 'Tarif',
  jkk: 'JKK',
  jkm: 'JKM',
  shortfall: 'Kekurangan',
  notRunYet: 'Belum dijalankan.',
  monthNotStarted: 'Bulan ini belum dimulai: hanya simulasi yang bisa dijalankan.',
  payment: 'Pembayaran',
  recordedBy: 'Dicatat oleh',

  // claims
  claimsTitle: 'Cek kelayakan klaim',
  claimsHint: 'Cek apakah suatu kejadian memenuhi syarat dan manfaat apa yang berlaku. Keputusan dan pembayaran tetap oleh BPJS Ketenagakerjaan.',
  identifyBy: 'Peserta',
  byNik: 'NIK',
  byRegistration: 'ID pendaftaran',
  claimType: 'Jenis klaim',
  typeJkm: 'JKM: meninggal bukan karena kecelakaan kerja',
  typeJkk: 'JKK: kecelakaan kerja (termasuk meninggal karena kerja)',
  eventDate: 'Tanggal kejadian',
  cause: 'Penyebab',
  jkkOutcome: 'Akibat kecelakaan',
  incapacityDays: 'Hari tidak mampu bekerja',
  transport: 'Pengangkutan',
  transportNone: 'Tidak ada',
  reportedOn: 'Tanggal dilaporkan',
  check: 'Cek',
  eligible: 'Memenuhi syarat',
  notEligible: 'Tidak memenuhi syarat',
  benefits: 'Manfaat',
  benefit: 'Manfaat',
  amount: 'Nilai',
  asNeeded: 'sesuai kebutuhan',
  upTo: 'paling banyak {amount}',
  coveredOnEventDate: 'Dilindungi pada tanggal kejadian',
  ruleVersion: 'Aturan yang berlaku',
  scholarship: 'Beasiswa pendidikan',
  scholarshipLine: '{level}: {amount} per tahun, paling lama {years} tahun',
  scholarshipChildren: 'Untuk paling banyak {count} anak.',
  earlierChecks: 'Cek sebelumnya',
  checkedAt: 'Waktu cek',
  checkedBy: 'Oleh',
  result: 'Hasil',
  rule: 'Aturan',

  // settings
  settingsTitle: 'Pengaturan program',
  settingsSaved: 'Pengaturan disimpan.',
  programmeName: 'Nama program',
  quotaHint: 'Jumlah maksimal peserta aktif (R-17).',
  kecamatanList: 'Kecamatan (satu per baris)',
  eligibleOccupations: 'Pekerjaan yang berhak tanpa DTSEN (R-13)',
  dtsenMaxDecile: 'Desil DTSEN tertinggi yang berhak (R-14)',
  minAge: 'Usia minimal',
  maxAge: 'Usia maksimal',
  coverageStartDelayMonths: 'Perlindungan mulai … bulan setelah persetujuan (R-20)',
  wadahCode: 'Kode wadah BPJS (R-21)',
  rates: 'Tarif iuran (R-01, R-04)',
  rateFrom: 'Berlaku mulai',
  declaredIncome: 'Upah yang dilaporkan',
  budgets: 'Pagu anggaran per tahun (R-22)',
  holidays: 'Hari libur nasional (satu tanggal TTTT-BB-HH per baris, R-05)',
  addRow: 'Tambah baris',
  removeRow: 'Hapus',
  fixErrors: 'Periksa isian yang ditandai.',

  statuses: {
    PENDING_REVIEW: 'Menunggu verifikasi', ACTIVE: 'Aktif', WAITLISTED: 'Daftar tunggu',
    REJECTED: 'Ditolak', ENDED: 'Berakhir', NOT_RUN: 'Belum dijalankan', IN_PROGRESS: 'Sedang diproses',
    COMPLETED: 'Selesai', BLOCKED_BUDGET: 'Tertahan anggaran'
  },
  occupations: {
    FISHER: 'Nelayan', FARMER: 'Petani', OJEK_DRIVER: 'Pengemudi ojek', DAILY_LABOURER: 'Buruh harian lepas',
    PUBLIC_TRANSPORT_DRIVER: 'Sopir angkutan umum', PARKING_ATTENDANT: 'Juru parkir',
    DISABLED_WORKER: 'Pekerja penyandang disabilitas', OTHER_INFORMAL: 'Pekerja informal lainnya'
  },
  sexes: { M: 'Laki-laki', F: 'Perempuan' },
  endReasons: {
    DIED: 'Meninggal dunia', MOVED_AWAY: 'Pindah domisili', BECAME_WAGE_EARNER: 'Menjadi pekerja penerima upah',
    WITHDREW: 'Mengundurkan diri', ARREARS: 'Tunggakan iuran'
  },
  sourcesMap: { PORTAL: 'Portal warga', STAFF: 'Staf', IMPORT: 'Impor SK', RE_ENROLMENT: 'Pendaftaran ulang' },
  outcomes: { ACCEPTED: 'Diterima', REJECTED: 'Ditolak', UNCHANGED: 'Tidak berubah', RECORDED: 'Tercatat' },
  jkkOutcomes: {
    TREATMENT: 'Perawatan', TEMPORARY_INCAPACITY: 'Tidak mampu bekerja sementara',
    PERMANENT_TOTAL_DISABILITY: 'Cacat total tetap', DEATH: 'Meninggal dunia'
  },
  transports: { LAND: 'Darat', SEA: 'Laut', AIR: 'Udara' },
  benefitCodes: {
    JKM_LUMP_SUM: 'Santunan sekaligus', JKM_PERIODIC: 'Santunan berkala', JKM_FUNERAL: 'Biaya pemakaman',
    JKM_EARLY_DEATH: 'Santunan kematian (masa iuran belum terpenuhi)', JKK_MEDICAL_CARE: 'Perawatan dan pengobatan',
    JKK_TRANSPORT_LAND: 'Biaya angkutan darat', JKK_TRANSPORT_SEA: 'Biaya angkutan laut', JKK_TRANSPORT_AIR: 'Biaya angkutan udara',
    JKK_TEMPORARY_INCAPACITY: 'Santunan tidak mampu bekerja sementara', JKK_PERMANENT_TOTAL_DISABILITY: 'Santunan cacat total tetap',
    JKK_DEATH: 'Santunan kematian karena kecelakaan kerja', JKK_FUNERAL: 'Biaya pemakaman', JKK_PERIODIC: 'Santunan berkala'
  },
  levels: { TK: 'TK', SD: 'SD', SMP: 'SMP', SMA: 'SMA', UNIVERSITY_OR_TRAINING: 'Perguruan tinggi atau pelatihan' },
  reasonCodes: {
    NOT_REGISTERED: 'Tidak ditemukan pendaftaran untuk peserta ini di program.',
    NOT_COVERED_ON_EVENT_DATE: 'Tanggal kejadian di luar masa perlindungan peserta (sebelum mulai atau sesudah berakhir).',
    MONTH_NOT_PAID: 'Iuran bulan kejadian belum dibayar pada tanggal kejadian (atau tidak pernah ditagihkan), jadi bulan itu tidak dilindungi.',
    PAYMENT_PENDING: 'Pada tanggal kejadian iuran bulan itu belum jatuh tempo; bulan itu dianggap dilindungi sambil menunggu pembayaran.',
    MEMBERSHIP_LAPSED: 'Lebih dari tiga bulan berturut-turut menunggak sebelum kejadian: kepesertaan sudah berakhir dan perlu didaftarkan ulang.',
    WAITING_PERIOD_REDUCED_BENEFIT: 'Bulan iuran berturut-turut sebelum bulan kematian belum cukup: berlaku santunan JKM yang dikurangi.',
    CLAIM_EXPIRED: 'Hak klaim JKK gugur lima tahun setelah kecelakaan.',
    LATE_ACCIDENT_REPORT: 'Kecelakaan dilaporkan lebih dari 2 × 24 jam; BPJS dapat meminta penjelasan. Klaim tidak ditolak karena ini.',
    SCHOLARSHIP_NOT_YET_ELIGIBLE: 'Beasiswa JKM memerlukan 36 bulan iuran.',
    NIK_BIRTH_DATE_MISMATCH: 'Tanggal lahir tidak sesuai dengan NIK.',
    NIK_SEX_MISMATCH: 'Jenis kelamin tidak sesuai dengan NIK (tanggal lahir perempuan ditambah 40).',
    KECAMATAN_NOT_IN_PROGRAMME: 'Alamat tidak berada di kecamatan wilayah program.',
    NOT_IN_ELIGIBLE_GROUP: 'Pekerjaan bukan kelompok sasaran, tidak ada disabilitas, dan tidak ada desil DTSEN.',
    DTSEN_DECILE_ABOVE_THRESHOLD: 'Pekerjaan bukan kelompok sasaran dan desil DTSEN di atas batas program.',
    AGE_BELOW_MINIMUM: 'Usia di bawah batas minimal program.',
    AGE_ABOVE_MAXIMUM: 'Usia di atas batas maksimal program.',
    DUPLICATE_IN_FILE: 'NIK muncul lebih dari sekali dalam berkas.',
    ALREADY_REGISTERED: 'NIK sudah memiliki pendaftaran yang berjalan.',
    NIK_INVALID: 'NIK tidak valid.',
    KPJ_INVALID: 'Nomor KPJ tidak valid.',
    KPJ_TAKEN: 'Nomor KPJ sudah dipakai NIK lain.'
  },
  reasonRules: {
    NOT_REGISTERED: 'R-38', NOT_COVERED_ON_EVENT_DATE: 'R-38', MONTH_NOT_PAID: 'R-21', PAYMENT_PENDING: 'R-05',
    MEMBERSHIP_LAPSED: 'R-06', WAITING_PERIOD_REDUCED_BENEFIT: 'R-31', CLAIM_EXPIRED: 'R-35',
    LATE_ACCIDENT_REPORT: 'R-35', SCHOLARSHIP_NOT_YET_ELIGIBLE: 'R-32', NIK_BIRTH_DATE_MISMATCH: 'R-10',
    NIK_SEX_MISMATCH: 'R-10', KECAMATAN_NOT_IN_PROGRAMME: 'R-12', NOT_IN_ELIGIBLE_GROUP: 'R-13',
    DTSEN_DECILE_ABOVE_THRESHOLD: 'R-14', AGE_BELOW_MINIMUM: 'R-15', AGE_ABOVE_MAXIMUM: 'R-15'
  },
  problems: {
    VALIDATION_FAILED: 'Isian tidak valid', MALFORMED_JSON: 'Permintaan tidak terbaca', MALFORMED_BODY: 'Isi permintaan tidak terbaca',
    UNAUTHENTICATED: 'Belum masuk', FORBIDDEN: 'Tidak berwenang', REGISTRATION_NOT_FOUND: 'Pendaftaran tidak ditemukan',
    PROGRAMME_NOT_FOUND: 'Program belum diatur', RUN_NOT_FOUND: 'Iuran bulan ini belum dijalankan',
    CLAIM_CHECK_NOT_FOUND: 'Cek klaim tidak ditemukan', ALREADY_REGISTERED: 'NIK sudah terdaftar',
    INVALID_STATUS_TRANSITION: 'Status pendaftaran tidak mengizinkan tindakan ini', CONCURRENT_UPDATE: 'Data baru saja diubah orang lain; muat ulang lalu coba lagi',
    ALREADY_PAID: 'Tagihan sudah dibayar', RUN_NOT_COMPLETED: 'Iuran belum selesai', BILL_NOT_READY: 'Tagihan belum siap; coba lagi sebentar lagi',
    IDEMPOTENCY_REQUEST_IN_PROGRESS: 'Permintaan yang sama masih diproses', IMPORT_TOO_LARGE: 'Berkas terlalu panjang untuk satu permintaan',
    IMPORT_FAILED: 'Impor berkas gagal', IMPORT_NOT_FOUND: 'Impor tidak ditemukan',
    IMPORT_NOT_COMPLETED: 'Impor belum selesai', REPORT_NOT_READY: 'Laporan belum siap; coba lagi sebentar lagi', PAYLOAD_TOO_LARGE: 'Isi terlalu besar',
    UNSUPPORTED_MEDIA_TYPE: 'Jenis isi tidak didukung', INELIGIBLE: 'Tidak memenuhi syarat', IDEMPOTENCY_KEY_REUSED: 'Permintaan ganda dengan isi berbeda',
    QUOTA_BELOW_ACTIVE_COUNT: 'Kuota di bawah jumlah peserta aktif', MONTH_NOT_STARTED: 'Bulan belum dimulai',
    NO_RATE_FOR_MONTH: 'Tidak ada tarif untuk bulan ini', PAID_ON_IN_FUTURE: 'Tanggal bayar di masa depan',
    PAID_ON_BEFORE_MONTH: 'Tanggal bayar sebelum bulan tagihan', ALLOCATION_BELOW_CHARGED: 'Pagu di bawah yang sudah ditagihkan',
    EVENT_IN_FUTURE: 'Tanggal kejadian di masa depan', NO_RULES_FOR_EVENT_DATE: 'Tidak ada aturan untuk tanggal kejadian',
    JKK_NOT_ONE_PERCENT_OF_INCOME: 'JKK harus tepat 1% dari upah yang dilaporkan', EFFECTIVE_DATE_BEFORE_SUBMISSION: 'Tanggal berlaku sebelum tanggal pengajuan',
    INTERNAL_ERROR: 'Kesalahan server'
  },
  months: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']
};

const EN = {
  appTitle: 'Staff console',
  skipToContent: 'Skip to content',
  language: 'Language',
  signOut: 'Sign out',
  signIn: 'Sign in',
  loading: 'Loading…',
  working: 'Working…',
  navDashboard: 'Dashboard',
  navRegistrations: 'Registrations',
  navImport: 'Decree import',
  navRuns: 'Monthly runs',
  navClaims: 'Claim checks',
  navSettings: 'Settings',
  localBanner: 'Local mode: you are signed in with the demo staff identity "{name}". Token signatures are not checked. Not for production.',
  signInTitle: 'Sign in to the staff console',
  signInText: 'Sign in with your Dinas Sosial staff account.',
  notStaff: 'This account is not in the Dinas Sosial staff group (dinsos-staff). Ask an administrator for access.',
  signInFailed: 'Sign-in failed: {detail}',
  sessionExpired: 'Your session has ended. Please sign in again.',
  networkError: 'The server cannot be reached. Check the connection and try again.',
  unexpectedAnswer: 'Unexpected answer from the server (HTTP {status}).',
  retry: 'Try again',
  yes: 'Yes',
  no: 'No',
  none: '—',
  save: 'Save',
  cancel: 'Cancel',
  search: 'Search',
  back: 'Back',
  close: 'Close',
  total: 'Total',
  rupiahPerMonth: '{amount} a month',
  dashboardTitle: 'Programme dashboard',
  quota: 'Quota',
  activeCount: 'Active participants',
  freePlaces: 'Free places',
  pendingCount: 'Awaiting review',
  waitlistCount: 'Waitlist',
  rateInForce: 'Contribution per person',
  countsByStatus: 'By status',
  countsByKecamatan: 'By kecamatan',
  countsByOccupation: 'By occupation',
  kecamatan: 'Kecamatan',
  occupation: 'Occupation',
  status: 'Status',
  count: 'Count',
  budgetYear: 'Budget {year}',
  allocation: 'Allocation',
  committed: 'Billed, unpaid',
  spent: 'Paid',
  remaining: 'Remaining',
  month: 'Month',
  cumulative: 'cumulative',
  chartSummary: 'Budget by month: the allocation as a line, paid and billed as bars (cumulative). The table below has the same figures.',
  showTable: 'Show the figures as a table',
  noWarnings: 'No warnings. Every bill was paid on time.',
  warnings: 'Warnings',
  warnOverdue: 'The {month} bill of {amount} is {days} days past its due date ({due}).',
  warnAtRisk: 'The {month} bill ({amount}) is unpaid: three or more months in a row, memberships are at risk (R-06).',
  warnLapsedMonth: 'The {month} bill ({amount}) is unpaid four months in a row: memberships ended for arrears (R-06).',
  warnLapsedPeople: '{count} participants lapsed for arrears and await re-enrolment.',
  warnBlocked: 'The {month} run is blocked: the budget lacks {amount}.',
  warnInProgress: 'The {month} run is in progress.',
  resolvePay: 'Record payment',
  resolveReEnrol: 'Re-enrol',
  resolveBudget: 'Change allocation',
  resolveRun: 'Open',
  noProgramme: 'The programme has no settings yet. Fill in the settings first.',
  registrationsTitle: 'Registrations',
  tabQueue: 'Review queue',
  tabWaitlist: 'Waitlist',
  tabActive: 'Active',
  tabEnded: 'Ended',
  tabRejected: 'Rejected',
  tabSearch: 'Search',
  queueHint: 'Registrations awaiting review, oldest first.',
  waitlistHint: 'Waitlist order: the first gets a place when one frees up (R-17).',
  searchLabel: 'NIK (16 digits) or name',
  searchHint: 'A NIK is matched exactly; a name in part, in any case (at least 2 letters).',
  noResults: 'Nothing here.',
  loadMore: 'Load more',
  fullName: 'Full name',
  nik: 'NIK',
  submittedAt: 'Submitted',
  position: 'Place',
  reEnrolAll: 'Re-enrol everyone who lapsed for arrears ({count})',
  reEnrolDone: '{active} active again, {waitlisted} waitlisted.',
  registrationTitle: 'Registration of {name}',
  personalData: 'Personal data',
  eligibilityFacts: 'Eligibility',
  coverage: 'Membership',
  birthDate: 'Birth date',
  sex: 'Sex',
  phone: 'Phone',
  address: 'Address',
  dtsen: 'DTSEN',
  dtsenValue: 'Decile {decile} (version {version})',
  disability: 'Person with a disability',
  source: 'Source',
  coverageStart: 'Covered from',
  coverageEnd: 'Covered until',
  consecutivePaidMonths: 'Consecutive paid months',
  endReason: 'End reason',
  rejectionReason: 'Rejection reason',
  neverCovered: 'Never covered',
  lapsed: 'Lapsed for arrears',
  reEnrolledAs: 'Re-enrolled as',
  history: 'History',
  historyAt: 'When',
  historyBy: 'By',
  historyFrom: 'From',
  historyTo: 'To',
  historyReason: 'Reason',
  approve: 'Approve',
  reject: 'Reject',
  end: 'End membership',
  rejectReasonLabel: 'Reason for rejection',
  endReasonLabel: 'Reason it ends',
  effectiveDate: 'Effective date',
  effectiveDateHint: 'The date of the event (e.g. the death or the move). Coverage ends at the end of that month (R-20).',
  approved: 'Registration approved: {status}.',
  approvedWaitlisted: 'The quota is full: the registration is waitlisted at place {position}.',
  rejected: 'Registration rejected.',
  ended: 'Membership ended.',
  promoted: '{name} moved from the waitlist and is now active.',
  ruleNikBirth: 'Birth date agrees with the NIK (R-10)',
  ruleNikSex: 'Sex agrees with the NIK (R-10)',
  ruleKecamatan: 'Kecamatan is in the programme (R-12)',
  ruleGroup: 'Target group: eligible occupation, disability, or DTSEN decile ≤ {max} (R-13, R-14)',
  ruleAge: 'Age {age}, within {min}–{max} (R-15)',
  ruleAgeUnknown: 'Age within {min}–{max} (R-15)',
  eligibilityNote: 'The system re-checks these rules when an application is made; this list helps check the documents.',
  importTitle: 'Import the beneficiary list (decree)',
  importHint: 'A UTF-8 CSV file with the header row: nik,fullName,birthDate,sex,phone,street,kelurahan,kecamatan,occupation,dtsenDecile,dtsenVersion,disability,coverageStart. A bad row does not stop the others; importing the same file twice changes nothing.',
  chooseFile: 'CSV file',
  startImport: 'Import',
  fileSummary: '{name}: {rows} data rows, {size}.',
  uploading: 'Uploading {percent}%',
  processing: 'The server is processing {rows} rows…',
  importProgress: 'Importing: {done} of {total} rows',
  importReading: 'Reading the report: {done} of {total} rows',
  importReport: 'Import report',
  accepted: 'Accepted',
  acceptedActive: 'Accepted, active',
  acceptedWaitlisted: 'Accepted, waitlisted',
  unchanged: 'Unchanged',
  refused: 'Refused',
  line: 'Line',
  outcome: 'Outcome',
  reasons: 'Reasons',
  downloadReport: 'Download report (CSV)',
  filterRows: 'Show',
  allRows: 'All rows',
  kpjTitle: 'Import KPJ numbers from BPJS',
  kpjHint: 'A CSV file with the header row nik,kpj.',
  recorded: 'Recorded',
  emptyFile: 'The file is empty or has no data rows.',
  fileTooLarge: 'The file ({size}) is too large (at most {max}). Split it into several files.',
  runsTitle: 'Monthly runs',
  year: 'Year',
  participants: 'Participants',
  parts: 'Parts',
  dueDate: 'Due date',
  paid: 'Paid',
  unpaid: 'Unpaid',
  overdue: 'Overdue',
  open: 'Open',
  runTitle: 'Contributions for {month}',
  dryRun: 'Dry run (saves nothing)',
  realRun: 'Run the month',
  rerun: 'Run again (charges what is missing, as a supplementary part)',
  actorPortal: 'Citizen portal ({client})',
  actorSystem: 'System',
  actorImport: 'Decree import',
  confirmRun: 'Run {month}? Its cost is reserved from the {year} budget.',
  runResult: 'Result',
  dryRunResult: 'Dry run: {participants} participants, {total}. Nothing was saved.',
  runBlocked: 'The budget is short by {amount}. Nothing was charged (R-22).',
  runProgress: '{done} of {planned} participants charged',
  runCompleted: '{month} completed: {participants} participants, {total}.',
  downloadBill: 'Download the bill (CSV)',
  recordPayment: 'Record the payment',
  paidOn: 'Paid on',
  reference: 'Reference (SP2D)',
  paymentRecorded: 'Payment recorded.',
  part: 'Part',
  supplementary: 'supplementary',
  raisedOn: 'Raised on',
  rate: 'Rate',
  jkk: 'JKK',
  jkm: 'JKM',
  shortfall: 'Shortfall',
  notRunYet: 'Not run yet.',
  monthNotStarted: 'This month has not started: only a dry run is possible.',
  payment: 'Payment',
  recordedBy: 'Recorded by',
  claimsTitle: 'Claim eligibility check',
  claimsHint: 'Checks whether an event qualifies and which benefits apply. BPJS Ketenagakerjaan decides and pays.',
  identifyBy: 'Participant',
  byNik: 'NIK',
  byRegistration: 'Registration id',
  claimType: 'Claim type',
  typeJkm: 'JKM: death not caused by work',
  typeJkk: 'JKK: work accident (including death caused by work)',
  eventDate: 'Event date',
  cause: 'Cause',
  jkkOutcome: 'Outcome of the accident',
  incapacityDays: 'Days unable to work',
  transport: 'Transport',
  transportNone: 'None',
  reportedOn: 'Reported on',
  check: 'Check',
  eligible: 'Eligible',
  notEligible: 'Not eligible',
  benefits: 'Benefits',
  benefit: 'Benefit',
  amount: 'Amount',
  asNeeded: 'as needed',
  upTo: 'up to {amount}',
  coveredOnEventDate: 'Covered on the event date',
  ruleVersion: 'Rules applied',
  scholarship: 'Scholarship',
  scholarshipLine: '{level}: {amount} a year, for at most {years} years',
  scholarshipChildren: 'For at most {count} children.',
  earlierChecks: 'Earlier checks',
  checkedAt: 'Checked at',
  checkedBy: 'By',
  result: 'Result',
  rule: 'Rule',
  settingsTitle: 'Programme settings',
  settingsSaved: 'Settings saved.',
  programmeName: 'Programme name',
  quotaHint: 'Most ACTIVE participants at once (R-17).',
  kecamatanList: 'Kecamatan (one per line)',
  eligibleOccupations: 'Occupations eligible without DTSEN (R-13)',
  dtsenMaxDecile: 'Highest eligible DTSEN decile (R-14)',
  minAge: 'Minimum age',
  maxAge: 'Maximum age',
  coverageStartDelayMonths: 'Coverage starts … months after approval (R-20)',
  wadahCode: 'BPJS group code, wadah (R-21)',
  rates: 'Contribution rates (R-01, R-04)',
  rateFrom: 'From',
  declaredIncome: 'Declared income',
  budgets: 'Budget allocation by year (R-22)',
  holidays: 'Public holidays (one YYYY-MM-DD per line, R-05)',
  addRow: 'Add a row',
  removeRow: 'Remove',
  fixErrors: 'Check the fields marked.',
  statuses: {
    PENDING_REVIEW: 'Awaiting review', ACTIVE: 'Active', WAITLISTED: 'Waitlisted', REJECTED: 'Rejected', ENDED: 'Ended',
    NOT_RUN: 'Not run', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', BLOCKED_BUDGET: 'Blocked by budget'
  },
  occupations: {
    FISHER: 'Fisher', FARMER: 'Farmer', OJEK_DRIVER: 'Ojek driver', DAILY_LABOURER: 'Daily labourer',
    PUBLIC_TRANSPORT_DRIVER: 'Public transport driver', PARKING_ATTENDANT: 'Parking attendant',
    DISABLED_WORKER: 'Worker with a disability', OTHER_INFORMAL: 'Other informal worker'
  },
  sexes: { M: 'Male', F: 'Female' },
  endReasons: { DIED: 'Died', MOVED_AWAY: 'Moved away', BECAME_WAGE_EARNER: 'Became a wage earner', WITHDREW: 'Withdrew', ARREARS: 'Arrears' },
  sourcesMap: { PORTAL: 'Citizen portal', STAFF: 'Staff', IMPORT: 'Decree import', RE_ENROLMENT: 'Re-enrolment' },
  outcomes: { ACCEPTED: 'Accepted', REJECTED: 'Refused', UNCHANGED: 'Unchanged', RECORDED: 'Recorded' },
  jkkOutcomes: { TREATMENT: 'Treatment', TEMPORARY_INCAPACITY: 'Temporary incapacity', PERMANENT_TOTAL_DISABILITY: 'Permanent total disability', DEATH: 'Death' },
  transports: { LAND: 'Land', SEA: 'Sea', AIR: 'Air' },
  benefitCodes: {
    JKM_LUMP_SUM: 'Lump sum', JKM_PERIODIC: 'Periodic benefit', JKM_FUNERAL: 'Funeral costs', JKM_EARLY_DEATH: 'Death benefit (waiting period not met)',
    JKK_MEDICAL_CARE: 'Medical care', JKK_TRANSPORT_LAND: 'Land transport', JKK_TRANSPORT_SEA: 'Sea transport', JKK_TRANSPORT_AIR: 'Air transport',
    JKK_TEMPORARY_INCAPACITY: 'Temporary incapacity benefit', JKK_PERMANENT_TOTAL_DISABILITY: 'Permanent total disability benefit',
    JKK_DEATH: 'Death from a work accident', JKK_FUNERAL: 'Funeral costs', JKK_PERIODIC: 'Periodic benefit'
  },
  levels: { TK: 'Kindergarten', SD: 'Primary', SMP: 'Junior secondary', SMA: 'Senior secondary', UNIVERSITY_OR_TRAINING: 'University or training' },
  reasonCodes: {},
  reasonRules: ID.reasonRules,
  problems: {},
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
};

const DICTIONARIES = { id: ID, en: EN };
let language = 'id';

export function setLanguage(lang) {
  language = DICTIONARIES[lang] ? lang : 'id';
  document.documentElement.lang = language;
  try { localStorage.setItem('console.language', language); } catch (e) { /* private mode: the choice lasts this page only */ }
}

export function initialLanguage() {
  try { return localStorage.getItem('console.language') || 'id'; } catch (e) { return 'id'; }
}

export function currentLanguage() {
  return language;
}

/** The text for a key, with {placeholders} filled in. English falls back to Indonesian, then to the key. */
export function t(key, values) {
  const text = DICTIONARIES[language][key] ?? ID[key] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (values[name] ?? m));
}

/** A code translated from one of the maps (statuses, occupations, ...): the code itself when unknown. */
export function label(map, code) {
  if (code === null || code === undefined || code === '') return t('none');
  const own = DICTIONARIES[language][map] || {};
  return own[code] ?? ID[map]?.[code] ?? code;
}

export function codes(map) {
  return Object.keys(ID[map]);
}

/** The API's English message for a reason code, translated when the console knows the code. */
export function reasonText(code, apiMessage) {
  if (language === 'en') return apiMessage || code;
  return ID.reasonCodes[code] || apiMessage || code;
}

export function reasonRule(code, apiRule) {
  return apiRule || ID.reasonRules[code] || '';
}

/** Who made a change, as the API records it (staff:{name}, portal:{client}, SYSTEM, IMPORT), in words. */
export function actor(by) {
  if (!by) return t('none');
  if (by.startsWith('staff:')) return by.slice(6);
  if (by.startsWith('portal:')) return t('actorPortal', { client: by.slice(7) });
  if (by === 'SYSTEM') return t('actorSystem');
  if (by === 'IMPORT') return t('actorImport');
  return by;
}

const NUMBER = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** Rupiah in the Indonesian way: Rp1.199.923.200, whatever the console's language. */
export function rupiah(amount) {
  if (amount === null || amount === undefined || amount === '') return t('none');
  const n = Number(amount);
  return (n < 0 ? '-Rp' : 'Rp') + NUMBER.format(Math.abs(n));
}

export function number(n) {
  return n === null || n === undefined ? t('none') : NUMBER.format(Number(n));
}

/** 2025-04-10 as "10 April 2025": day, month name, year, the Indonesian order. */
export function date(iso) {
  if (!iso) return t('none');
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${t('months')[Number(m[2]) - 1]} ${m[1]}`;
}

/** 2025-04 as "April 2025". */
export function month(iso) {
  if (!iso) return t('none');
  const m = /^(\d{4})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${t('months')[Number(m[2]) - 1]} ${m[1]}`;
}

/** An instant as date and time in Asia/Jakarta (the programme's clock): "10 April 2025 09.15". */
export function dateTime(iso) {
  if (!iso) return t('none');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  }).formatToParts(d).reduce((acc, p) => { acc[p.type] = p.value; return acc; }, {});
  return `${date(`${parts.year}-${parts.month}-${parts.day}`)} ${parts.hour}.${parts.minute}`;
}

export function monthName(index) {
  return t('months')[index];
}

export function bytes(size) {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${NUMBER.format(Math.round(size / 1024))} KB`;
  return `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(size / 1024 / 1024)} MB`;
}

/** Sets every [data-i18n] element's text in the page's static frame. */
export function translateFrame(root = document) {
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.title = `${t('appTitle')} · Perlindungan Pekerja Rentan`;
  const nav = document.getElementById('main-nav');
  if (nav) nav.setAttribute('aria-label', language === 'en' ? 'Main menu' : 'Menu utama');
}
