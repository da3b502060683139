/*
 * Emulation of the privileged instructions a PV kernel executes at ring 3:
 *  - CPUID behind the forced-emulation prefix (ud2; "xen"; cpuid), #UD;
 *  - RDMSR/WRMSR, MOV from/to CR0/CR2/CR3/CR4 and CLTS, #GP(0).
 * The instruction is fetched from guest memory and decoded here; anything
 * not recognised (or refused, such as an unknown MSR) is delivered to the
 * guest as the exception it caused.  LINUX-PV-CHECKLIST C2-C4 lists what
 * Linux needs.
 */
#include <asm/msr.h>
#include <asm/pv.h>
#include <asm/traps.h>
#include <asm/x86-defs.h>
#include <xen/cpuid.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>

#define MSR_PAT             0x00000277
#define MSR_MISC_ENABLE     0x000001a0
#define MSR_AMD_HWCR        0xc0010015
#define MSR_AMD_SYSCFG      0xc0010010
#define MSR_AMD_DE_CFG      0xc0011029
#define MSR_STAR            0xc0000081
#define MSR_LSTAR           0xc0000082
#define MSR_CSTAR           0xc0000083
#define MSR_SFMASK          0xc0000084

/* The PAT every CPU runs with (WB, WT, UC-, UC, WC, WP, UC, UC): PV guests rely on it. */
#define ARGON_PAT           0x0000050100070406ULL

#define MAX_INSN            15

static void host_cpuid(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *out)
{
    __asm__ __volatile__ ( "cpuid" : "=a" (out->a), "=b" (out->b), "=c" (out->c),
                           "=d" (out->d) : "0" (leaf), "2" (subleaf) );
}

/* Guest registers by ModRM number, in struct cpu_user_regs. */
static uint64_t *gpr(struct cpu_user_regs *r, unsigned int n)
{
    switch ( n )
    {
    case 0: return &r->rax;   case 1: return &r->rcx;   case 2: return &r->rdx;
    case 3: return &r->rbx;   case 4: return &r->rsp;   case 5: return &r->rbp;
    case 6: return &r->rsi;   case 7: return &r->rdi;   case 8: return &r->r8;
    case 9: return &r->r9;    case 10: return &r->r10;  case 11: return &r->r11;
    case 12: return &r->r12;  case 13: return &r->r13;  case 14: return &r->r14;
    default: return &r->r15;
    }
}

static int read_msr(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    switch ( msr )
    {
    case MSR_FS_BASE:        *val = v->pv.fs_base; return 0;
    case MSR_GS_BASE:        *val = v->pv.gs_base_kernel; return 0;
    case MSR_SHADOW_GS_BASE: *val = v->pv.gs_base_user; return 0;
    case MSR_EFER:           *val = rdmsr(MSR_EFER); return 0;
    case MSR_PAT:            *val = ARGON_PAT; return 0;
    case MSR_IA32_APIC_BASE:
        *val = rdmsr(MSR_IA32_APIC_BASE) & ~APIC_BASE_EXTD;
        return 0;
    case MSR_MISC_ENABLE:
    case MSR_AMD_HWCR:
    case MSR_AMD_SYSCFG:
    case MSR_AMD_DE_CFG:
        *val = 0;                       /* no model-specific features offered */
        return 0;
    default:
        return -EPERM;
    }
}

static int write_msr(struct vcpu *v, uint32_t msr, uint64_t val)
{
    switch ( msr )
    {
    case MSR_FS_BASE:
        return pv_set_segment_base(v, SEGBASE_FS, val);
    case MSR_GS_BASE:
        return pv_set_segment_base(v, SEGBASE_GS_KERNEL, val);
    case MSR_SHADOW_GS_BASE:
        return pv_set_segment_base(v, SEGBASE_GS_USER, val);
    case MSR_STAR: case MSR_LSTAR: case MSR_CSTAR: case MSR_SFMASK:
        return 0;                       /* the guest's callbacks stand in for these */
    default:
        return -EPERM;
    }
}

/* The CR4 a PV kernel is told it runs with. */
static uint64_t guest_cr4(void)
{
    return X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
}

static uint64_t read_cr0_hw(void)
{
    uint64_t v;

    __asm__ __volatile__ ( "mov %%cr0, %0" : "=r" (v) );
    return v;
}

void pv_set_ts(bool on)
{
    if ( on )
        __asm__ __volatile__ ( "mov %0, %%cr0" :: "r" (read_cr0_hw() | 8) );
    else
        __asm__ __volatile__ ( "clts" );
}

/* IN/OUT (E4-E7 with an imm8 port, EC-EF with DX) for a permitted port. */
static bool emulate_io(struct vcpu *v, struct cpu_user_regs *regs, const uint8_t *insn,
                       unsigned int i, bool opsize)
{
    uint8_t op = insn[i];
    bool imm = op < 0xe8, out = op & 2;
    unsigned int bytes = !(op & 1) ? 1 : opsize ? 2 : 4;
    unsigned int port = imm ? insn[i + 1] : (uint16_t)regs->rdx;

    if ( !pv_ioport_permitted(v, port, bytes) )
        return false;                   /* the guest gets its #GP */
    if ( out )
        pv_ioport_write(v, port, bytes, regs->rax);
    else
    {
        uint32_t v32 = pv_ioport_read(v, port, bytes);

        /* Like hardware: 8/16-bit reads merge into RAX, 32-bit ones zero-extend. */
        if ( bytes == 4 )
            regs->rax = v32;
        else
            regs->rax = (regs->rax & ~((1ULL << (8 * bytes)) - 1)) | v32;
    }
    regs->rip += i + (imm ? 2 : 1);
    return true;
}

/* Emulate the instruction at regs->rip; false if it is not one of ours. */
static bool emulate_gp(struct vcpu *v, struct cpu_user_regs *regs)
{
    uint8_t insn[MAX_INSN];
    unsigned int i = 0, rex = 0;

    bool opsize = false;

    if ( copy_from_guest(insn, regs->rip, sizeof(insn)) &&
         copy_from_guest(insn, regs->rip, 4) )
        return false;
    /* Prefixes that do not change these instructions' meaning (0x66: 16-bit I/O). */
    while ( i < 4 && (insn[i] == 0x66 || insn[i] == 0x2e || insn[i] == 0x3e) )
        opsize |= insn[i++] == 0x66;
    if ( (insn[i] & 0xf0) == 0x40 )
        rex = insn[i++];
    if ( insn[i] >= 0xe4 && insn[i] <= 0xef && insn[i] != 0xe8 && insn[i] != 0xe9 &&
         insn[i] != 0xea && insn[i] != 0xeb )
        return emulate_io(v, regs, insn, i, opsize);
    /*
     * CLI/STI: the guest's interrupt flag is its event mask, which it sets
     * through vcpu_info; with I/O privilege (a kernel that asked for it)
     * the instructions are accepted and do nothing, as in Xen.
     */
    if ( insn[i] == 0xfa || insn[i] == 0xfb )
    {
        if ( !v->pv.kernel_mode || v->pv.iopl < 1 )
            return false;
        regs->rip += i + 1;
        return true;
    }
    if ( insn[i] != 0x0f )
        return false;

    switch ( insn[i + 1] )
    {
    case 0x30:                          /* wrmsr */
        if ( write_msr(v, regs->rcx, (regs->rdx << 32) | (uint32_t)regs->rax) )
            return false;
        regs->rip += i + 2;
        return true;
    case 0x32:                          /* rdmsr */
    {
        uint64_t val;

        if ( read_msr(v, regs->rcx, &val) )
            return false;
        regs->rax = (uint32_t)val;
        regs->rdx = val >> 32;
        regs->rip += i + 2;
        return true;
    }
    case 0x06:                          /* clts */
        v->pv.virtual_ts = false;
        pv_set_ts(false);
        regs->rip += i + 2;
        return true;
    case 0x20:                          /* mov %crN, reg */
    case 0x22:                          /* mov reg, %crN */
    {
        uint8_t modrm = insn[i + 2];
        unsigned int cr = ((modrm >> 3) & 7) | (rex & 4 ? 8 : 0);
        uint64_t *reg = gpr(regs, (modrm & 7) | (rex & 1 ? 8 : 0));

        if ( (modrm >> 6) != 3 )
            return false;
        if ( insn[i + 1] == 0x20 )
        {
            switch ( cr )
            {
            case 0: *reg = (read_cr0_hw() & ~8ULL) | (v->pv.virtual_ts ? 8 : 0); break;
            case 2: *reg = v->vcpu_info->arch.cr2; break;
            case 3: *reg = v->pv.guest_cr3_kernel; break;
            case 4: *reg = guest_cr4(); break;
            default: return false;
            }
        }
        else
        {
            switch ( cr )
            {
            case 0:                     /* only TS is the guest's */
                v->pv.virtual_ts = *reg & 8;
                pv_set_ts(v->pv.virtual_ts);
                break;
            case 2:
                v->vcpu_info->arch.cr2 = *reg;
                break;
            case 4:
                if ( *reg != guest_cr4() )
                    printk(XENLOG_WARNING "d%u: CR4 write %#lx ignored\n",
                           v->domain->domain_id, (unsigned long)*reg);
                break;
            default:
                return false;           /* CR3 goes through mmuext_op */
            }
        }
        regs->rip += i + 3;
        return true;
    }
    default:
        return false;
    }
}

static bool emulate_forced_cpuid(struct cpu_user_regs *regs)
{
    static const uint8_t prefix[] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2 };
    uint8_t insn[sizeof(prefix)];
    struct cpuid_leaf l;

    if ( copy_from_guest(insn, regs->rip, sizeof(insn)) ||
         memcmp(insn, prefix, sizeof(prefix)) )
        return false;
    pv_cpuid(host_cpuid, regs->rax, regs->rcx, &l);
    regs->rax = l.a;
    regs->rbx = l.b;
    regs->rcx = l.c;
    regs->rdx = l.d;
    regs->rip += sizeof(prefix);
    return true;
}

bool pv_emulate_privileged(struct cpu_user_regs *regs)
{
    struct vcpu *v = current_vcpu();

    /* Only the guest kernel may use them; user mode gets the fault. */
    if ( v == NULL || !v->pv.kernel_mode )
        return false;
    if ( regs->entry_vector == X86_EXC_UD )
        return emulate_forced_cpuid(regs);
    if ( regs->entry_vector == X86_EXC_GP && regs->error_code == 0 )
        return emulate_gp(v, regs);
    return false;
}

void pat_init_cpu(void)
{
    uint64_t cr4;

    wrmsr(MSR_PAT, ARGON_PAT);
    /*
     * Guests use SSE (FXSAVE, MXCSR) as the CR4 we show them says: the
     * real CR4 must allow it, or their first SSE instruction is #UD.
     */
    __asm__ __volatile__ ( "mov %%cr4, %0" : "=r" (cr4) );
    cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
    __asm__ __volatile__ ( "mov %0, %%cr4" :: "r" (cr4) : "memory" );
}
