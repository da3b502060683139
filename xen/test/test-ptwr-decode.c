/*
 * The decoder and arithmetic of trapped page-table writes: the forms
 * Linux uses (mov, xchg, lock cmpxchg, lock and/or, bt[rsc] with register
 * or immediate, with REX, LOCK, operand-size and segment prefixes, every
 * ModRM/SIB/displacement shape) decode to the right operation, size,
 * register and length; register operands, unknown opcodes and truncated
 * instructions are refused; the results of applying them are exact.
 */
#include <string.h>

#include <asm/ptwr.h>

#include "hostenv.h"

static struct ptwr_insn decode(const char *bytes, unsigned int n)
{
    struct ptwr_insn in;

    memset(&in, 0xa5, sizeof(in));
    ck_assert_msg(ptwr_decode((const uint8_t *)bytes, n, &in), "decode failed");
    return in;
}

#define DECODES(bytes, op_, size_, reg_, len_) do {                              \
        struct ptwr_insn in_ = decode(bytes, sizeof(bytes) - 1);                 \
        ck_assert_int_eq(in_.op, op_);                                           \
        ck_assert_uint_eq(in_.size, size_);                                      \
        ck_assert_int_eq(in_.reg, reg_);                                         \
        ck_assert_uint_eq(in_.length, len_);                                     \
    } while ( 0 )

#define REFUSED(bytes) do {                                                      \
        struct ptwr_insn in_;                                                    \
        ck_assert(!ptwr_decode((const uint8_t *)(bytes), sizeof(bytes) - 1, &in_)); \
    } while ( 0 )

START_TEST(linux_forms)
{
    DECODES("\x48\x89\x37", PTWR_MOV, 8, 6, 3);                 /* mov %rsi,(%rdi) */
    DECODES("\x4c\x89\x04\x24", PTWR_MOV, 8, 8, 4);             /* mov %r8,(%rsp): SIB */
    DECODES("\x48\x89\x74\xc7\x08", PTWR_MOV, 8, 6, 5);         /* mov %rsi,8(%rdi,%rax,8) */
    DECODES("\x48\x89\xb7\x00\x10\x00\x00", PTWR_MOV, 8, 6, 7); /* disp32 */
    DECODES("\x48\x87\x07", PTWR_XCHG, 8, 0, 3);                /* xchg %rax,(%rdi) */
    DECODES("\xf0\x48\x0f\xb1\x17", PTWR_CMPXCHG, 8, 2, 5);     /* lock cmpxchg %rdx,(%rdi) */
    DECODES("\xf0\x48\x21\x07", PTWR_AND, 8, 0, 4);             /* lock and %rax,(%rdi) */
    DECODES("\xf0\x80\x27\xfd", PTWR_AND, 1, -1, 4);            /* lock andb $0xfd,(%rdi) */
    DECODES("\xf0\x48\x0f\xba\x37\x05", PTWR_BTR, 8, -1, 6);    /* lock btrq $5,(%rdi) */
    DECODES("\xf0\x48\x0f\xab\x07", PTWR_BTS, 8, 0, 5);         /* lock bts %rax,(%rdi) */
    DECODES("\x48\xc7\x07\x00\x00\x00\x00", PTWR_MOV, 8, -1, 7);/* movq $0,(%rdi) */
    DECODES("\x66\x89\x07", PTWR_MOV, 2, 0, 3);                 /* mov %ax,(%rdi) */
    DECODES("\x65\x89\x07", PTWR_MOV, 4, 0, 3);                 /* gs: mov %eax,(%rdi) */
    DECODES("\x48\x89\x05\x10\x00\x00\x00", PTWR_MOV, 8, 0, 7); /* rip-relative */
}
END_TEST

START_TEST(refusals)
{
    REFUSED("\x48\x89\xc7");            /* mov %rax,%rdi: no memory operand */
    REFUSED("\x48\x8b\x07");            /* a load */
    REFUSED("\x48\x89");                /* cut short before ModRM */
    REFUSED("\x48\x89\x04");            /* cut short before SIB */
    REFUSED("\x48\x89\x87\x00\x10");    /* cut short inside disp32 */
    REFUSED("\x48\xc7\x07\x00\x00");    /* cut short inside the immediate */
    REFUSED("\x48\xc7\x0f\x00\x00\x00\x00");    /* C7 /1 is not a mov */
    REFUSED("\x0f\xba\x27\x05");        /* bt (no write) */
    REFUSED("\xf0\xf0\xf0\xf0\xf0\xf0\xf0\xf0");  /* prefixes only */
}
END_TEST

START_TEST(results)
{
    struct ptwr_result r;
    struct ptwr_insn in = decode("\xf0\x48\x0f\xb1\x17", 5);

    ptwr_apply(&in, 0x1000, 0x2067, 0x1000, &r);            /* cmpxchg that matches */
    ck_assert(r.store && r.zf && !r.write_reg);
    ck_assert_uint_eq(r.new_value, 0x2067);
    ptwr_apply(&in, 0x1000, 0x2067, 0x3000, &r);            /* and one that does not */
    ck_assert(!r.store && !r.zf && r.write_reg);
    ck_assert_int_eq(r.reg_dest, 0);
    ck_assert_uint_eq(r.reg_out, 0x1000);

    in = decode("\x48\x87\x07", 3);                           /* xchg: old to the register */
    ptwr_apply(&in, 0x1067, 0, 0, &r);
    ck_assert(r.store && r.write_reg);
    ck_assert_uint_eq(r.new_value, 0);
    ck_assert_uint_eq(r.reg_out, 0x1067);

    in = decode("\xf0\x48\x0f\xba\x37\x01", 6);               /* btr $1: clear RW, CF = old bit */
    ptwr_apply(&in, 0x1067, 0, 0, &r);
    ck_assert_uint_eq(r.new_value, 0x1065);
    ck_assert(r.cf);

    in = decode("\xf0\x80\x27\xdf", 4);                       /* andb $0xdf: clear accessed */
    ptwr_apply(&in, 0x67, 0, 0, &r);
    ck_assert_uint_eq(r.new_value, 0x47);

    in = decode("\x48\xc7\x07\xff\xff\xff\xff", 7);           /* imm32 sign-extends */
    ptwr_apply(&in, 0, 0, 0, &r);
    ck_assert_uint_eq(r.new_value, ~0ULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("ptwr-decode");
    TCase *tc = tcase_create("decode");

    tcase_add_test(tc, linux_forms);
    tcase_add_test(tc, refusals);
    tcase_add_test(tc, results);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
