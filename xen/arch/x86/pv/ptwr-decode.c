/*
 * The instruction forms a PV kernel writes its page tables with (asm/ptwr.h).
 */
#include <asm/ptwr.h>

#define PREFIX_LOCK     0xf0
#define PREFIX_OPSIZE   0x66

static bool is_segment_prefix(uint8_t b)
{
    return b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 || b == 0x65;
}

/* Bytes of ModRM, SIB and displacement for a memory operand; 0 for a register operand. */
static unsigned int modrm_length(const uint8_t *p, unsigned int avail)
{
    unsigned int mod, rm, len = 1;

    if ( avail < 1 )
        return 0;
    mod = p[0] >> 6;
    rm = p[0] & 7;
    if ( mod == 3 )
        return 0;
    if ( rm == 4 )
    {
        if ( avail < 2 )
            return 0;
        len++;
        if ( mod == 0 && (p[1] & 7) == 5 )
            len += 4;                   /* SIB without base: disp32 */
    }
    else if ( mod == 0 && rm == 5 )
        len += 4;                       /* RIP-relative */
    if ( mod == 1 )
        len += 1;
    else if ( mod == 2 )
        len += 4;
    return len <= avail ? len : 0;
}

static uint64_t read_imm(const uint8_t *p, unsigned int bytes)
{
    uint64_t v = 0;

    for ( unsigned int i = 0; i < bytes; i++ )
        v |= (uint64_t)p[i] << (8 * i);
    /* Immediates are sign-extended to the operand size (and we keep 64 bits). */
    if ( bytes < 8 && (v >> (8 * bytes - 1)) & 1 )
        v |= ~0ULL << (8 * bytes);
    return v;
}

bool ptwr_decode(const uint8_t *insn, unsigned int avail, struct ptwr_insn *out)
{
    unsigned int i = 0, rex = 0, mlen, imm_bytes = 0, modrm_reg;
    bool opsize16 = false, byte_op = false, two_byte = false;
    uint8_t op;

    while ( i < avail && (insn[i] == PREFIX_LOCK || insn[i] == PREFIX_OPSIZE ||
                          is_segment_prefix(insn[i])) )
        opsize16 |= insn[i++] == PREFIX_OPSIZE;
    if ( i < avail && (insn[i] & 0xf0) == 0x40 )
        rex = insn[i++];
    if ( i >= avail )
        return false;
    op = insn[i++];
    if ( op == 0x0f )
    {
        if ( i >= avail )
            return false;
        two_byte = true;
        op = insn[i++];
    }
    if ( i >= avail )
        return false;
    modrm_reg = ((insn[i] >> 3) & 7) | ((rex & 4) ? 8 : 0);
    out->reg = modrm_reg;
    out->has_imm = false;
    out->imm = 0;

    if ( !two_byte )
        switch ( op )
        {
        case 0x88: byte_op = true; /* fall through */
        case 0x89: out->op = PTWR_MOV; break;
        case 0x86: byte_op = true; /* fall through */
        case 0x87: out->op = PTWR_XCHG; break;
        case 0x08: byte_op = true; /* fall through */
        case 0x09: out->op = PTWR_OR; break;
        case 0x20: byte_op = true; /* fall through */
        case 0x21: out->op = PTWR_AND; break;
        case 0x30: byte_op = true; /* fall through */
        case 0x31: out->op = PTWR_XOR; break;
        case 0xc6: byte_op = true; imm_bytes = 1; /* fall through */
        case 0xc7:
            if ( (modrm_reg & 7) != 0 )
                return false;
            out->op = PTWR_MOV;
            imm_bytes = imm_bytes ?: 4;
            break;
        case 0x80: byte_op = true; imm_bytes = 1; /* fall through */
        case 0x81: case 0x83:
            switch ( modrm_reg & 7 )
            {
            case 1: out->op = PTWR_OR; break;
            case 4: out->op = PTWR_AND; break;
            case 6: out->op = PTWR_XOR; break;
            default: return false;
            }
            imm_bytes = imm_bytes ?: (op == 0x83 ? 1 : 4);
            break;
        default:
            return false;
        }
    else
        switch ( op )
        {
        case 0xb0: byte_op = true; /* fall through */
        case 0xb1: out->op = PTWR_CMPXCHG; break;
        case 0xab: out->op = PTWR_BTS; break;
        case 0xb3: out->op = PTWR_BTR; break;
        case 0xbb: out->op = PTWR_BTC; break;
        case 0xba:
            switch ( modrm_reg & 7 )
            {
            case 5: out->op = PTWR_BTS; break;
            case 6: out->op = PTWR_BTR; break;
            case 7: out->op = PTWR_BTC; break;
            default: return false;
            }
            imm_bytes = 1;
            break;
        default:
            return false;
        }

    mlen = modrm_length(insn + i, avail - i);
    if ( mlen == 0 )
        return false;                   /* a register operand, or cut short */
    i += mlen;
    if ( imm_bytes )
    {
        if ( i + imm_bytes > avail )
            return false;
        out->has_imm = true;
        out->imm = read_imm(insn + i, imm_bytes);
        out->reg = -1;
        i += imm_bytes;
    }
    out->size = byte_op ? 1 : (rex & 8) ? 8 : opsize16 ? 2 : 4;
    out->length = i;
    return true;
}

static uint64_t size_mask(unsigned int size)
{
    return size == 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
}

void ptwr_apply(const struct ptwr_insn *in, uint64_t old, uint64_t reg_value, uint64_t rax,
                struct ptwr_result *res)
{
    uint64_t mask = size_mask(in->size), src = (in->has_imm ? in->imm : reg_value) & mask;
    uint64_t bit;

    old &= mask;
    res->store = true;
    res->write_reg = false;
    res->reg_dest = in->reg;
    res->reg_out = 0;
    res->zf = res->cf = false;
    switch ( in->op )
    {
    case PTWR_MOV:
        res->new_value = src;
        break;
    case PTWR_XCHG:
        res->new_value = src;
        res->write_reg = true;
        res->reg_out = old;
        break;
    case PTWR_CMPXCHG:
        res->zf = old == (rax & mask);
        res->store = res->zf;
        res->new_value = res->zf ? src : old;
        if ( !res->zf )
        {
            res->write_reg = true;
            res->reg_dest = 0;          /* the accumulator learns the value */
            res->reg_out = old;
        }
        break;
    case PTWR_AND:
    case PTWR_OR:
    case PTWR_XOR:
        res->new_value = in->op == PTWR_AND ? old & src : in->op == PTWR_OR ? old | src
                                                         : old ^ src;
        res->zf = res->new_value == 0;
        break;
    case PTWR_BTS:
    case PTWR_BTR:
    case PTWR_BTC:
        bit = 1ULL << (src & (8 * in->size - 1));
        res->cf = (old & bit) != 0;
        res->new_value = in->op == PTWR_BTS ? old | bit : in->op == PTWR_BTR ? old & ~bit
                                                        : old ^ bit;
        break;
    }
    res->new_value &= mask;
}
