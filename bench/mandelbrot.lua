-- mandelbrot: LuaJIT counterpart of mandelbrot.fl (same float operations, same order).
local MAX_ITER = 50

local function escape_time(cr, ci)
  local zr, zi, i = 0.0, 0.0, 0
  while i ~= MAX_ITER and not (zr * zr + zi * zi > 4.0) do
    zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
    i = i + 1
  end
  return i
end

local n = tonumber(arg[1]) or 2000
local inside, iters = 0, 0
for y = 0, n - 1 do
  local ci = 2.0 * y / n - 1.0
  for x = 0, n - 1 do
    local k = escape_time(2.0 * x / n - 1.5, ci)
    if k == MAX_ITER then inside = inside + 1 end
    iters = iters + k
  end
end
print(string.format("inside: %d\niterations: %d", inside, iters))
