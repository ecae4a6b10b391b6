/* hello: the smallest program: one line of semihosting output, exit status 0. */
#include "sh.h"

int main(void)
{
    sh_write0("hello from m7emu test firmware\n");
    return 0;
}
