-- binarytrees: the benchmarks-game binary-trees in LuaJIT (nodes are {left, right}, leaves
-- false), the same output as binarytrees.fl.
local function make(depth)
  if depth == 0 then return { false, false } end
  return { make(depth - 1), make(depth - 1) }
end

local function check(tree)
  if not tree then return 0 end
  return 1 + check(tree[1]) + check(tree[2])
end

local MIN_DEPTH = 4
local n = tonumber(arg[1]) or 17
local max_depth = math.max(MIN_DEPTH + 2, n)
local stretch = max_depth + 1
io.write(string.format("stretch tree of depth %d\t check: %d\n", stretch, check(make(stretch))))
local long_lived = make(max_depth)
for depth = MIN_DEPTH, max_depth, 2 do
  local iterations = 2 ^ (max_depth - depth + MIN_DEPTH)
  local total = 0
  for _ = 1, iterations do total = total + check(make(depth)) end
  io.write(string.format("%d\t trees of depth %d\t check: %d\n", iterations, depth, total))
end
io.write(string.format("long lived tree of depth %d\t check: %d\n", max_depth, check(long_lived)))
